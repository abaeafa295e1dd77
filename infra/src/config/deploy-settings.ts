/**
 * Deploy settings: what differs per team and is not in the environments table (account ids,
 * Region, identity provider, alarm topic, production options). Read from `infra/deploy.config.json`
 * (or the file `SWITCHBOARD_DEPLOY_CONFIG` names) and from `SWITCHBOARD_<STAGE>_*` environment
 * variables; a variable wins over the file's value of the same field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { DeployConfigError } from '../errors.js';
import { type Stage, stages } from './environments.js';

/** Environment variable naming another deploy config file (relative to the working directory). */
export const DEPLOY_CONFIG_ENV_VAR = 'SWITCHBOARD_DEPLOY_CONFIG';
/** The deploy config file's name in `infra/`. */
export const DEPLOY_CONFIG_FILE = 'deploy.config.json';

const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS Region looks like eu-west-1');
const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL' });
const count = z.number().int().min(0);

const targetSchema = z.strictObject({
  accountIds: z.array(accountId).min(1).optional(),
  region: region.optional(),
  auth: z
    .strictObject({
      issuer: z.string().min(1).optional(),
      jwksUrl: httpsUrl.optional(),
      audience: z.string().min(1).optional(),
    })
    .optional(),
  alarms: z
    .strictObject({
      periodSeconds: z.number().int().min(10).optional(),
      evaluationPeriods: z.number().int().min(1).optional(),
      thresholds: z
        .strictObject({
          apiIntegrationErrors: count.optional(),
          apiExecutionErrors: count.optional(),
          apiClientErrors: count.optional(),
          lambdaErrors: count.optional(),
          lambdaThrottles: count.optional(),
          workflowExecutionsFailed: count.optional(),
          workflowExecutionsTimedOut: count.optional(),
          tableThrottledRequests: count.optional(),
        })
        .optional(),
      notify: z
        .union([
          z.strictObject({ topicArn: z.string().regex(/^arn:aws[a-z-]*:sns:/, 'expected an SNS topic ARN') }),
          z.strictObject({ emails: z.array(z.email()).min(1) }),
        ])
        .optional(),
    })
    .optional(),
  customDomain: z
    .strictObject({
      domainName: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'expected a lower-case domain name'),
      hostedZoneId: z
        .string()
        .regex(/^Z[A-Z0-9]+$/, 'expected a Route 53 hosted zone id')
        .optional(),
      certificateArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:acm:/, 'expected an ACM certificate ARN')
        .optional(),
    })
    .optional(),
  reservedConcurrency: z.record(z.string(), z.number().int().min(0)).optional(),
  ipAddressType: z.enum(['ipv4', 'dualstack']).optional(),
  tracing: z.boolean().optional(),
});

const fileSchema = z.strictObject({
  $schema: z.string().optional(),
  environments: z
    .strictObject(Object.fromEntries(stages.map((s) => [s, targetSchema.optional()])))
    .optional(),
});

/** One environment's deploy settings; every field optional (the table's defaults apply). */
export type TargetSettings = z.infer<typeof targetSchema>;
export type DeploySettings = Partial<Record<Stage, TargetSettings>>;

/** The environment variables a stage's settings are read from, by field. */
export function settingVariables(stage: Stage) {
  const prefix = `SWITCHBOARD_${stage.toUpperCase()}_`;
  return {
    accountIds: `${prefix}ACCOUNT_IDS`,
    region: `${prefix}REGION`,
    issuer: `${prefix}JWT_ISSUER`,
    jwksUrl: `${prefix}JWKS_URL`,
    audience: `${prefix}JWT_AUDIENCE`,
    alarmTopicArn: `${prefix}ALARM_TOPIC_ARN`,
  } as const;
}

export interface ReadDeploySettingsOptions {
  env: NodeJS.ProcessEnv;
  /** Folder holding `deploy.config.json` (infra/). */
  infraDir: string;
}

/**
 * The deploy settings of every stage: the config file (when there is one) overlaid with the
 * environment variables. Throws `DeployConfigError` naming the file or variable and the field.
 * @example readDeploySettings({ env: process.env, infraDir }).prod?.accountIds
 */
export function readDeploySettings({ env, infraDir }: ReadDeploySettingsOptions): DeploySettings {
  const path = env[DEPLOY_CONFIG_ENV_VAR]
    ? resolve(env[DEPLOY_CONFIG_ENV_VAR])
    : resolve(infraDir, DEPLOY_CONFIG_FILE);
  const fromFile = readConfigFile(path, env[DEPLOY_CONFIG_ENV_VAR] !== undefined);
  const settings: DeploySettings = {};
  for (const stage of stages) {
    const merged = overlayVariables(stage, fromFile[stage] ?? {}, env);
    const parsed = targetSchema.safeParse(merged);
    if (!parsed.success) {
      throw new DeployConfigError(
        `${stage} deploy settings (environment variables over ${path}): ${z.prettifyError(parsed.error)}`,
      );
    }
    settings[stage] = parsed.data;
  }
  return settings;
}

function readConfigFile(path: string, named: boolean): DeploySettings {
  if (!existsSync(path)) {
    if (named) throw new DeployConfigError(`${DEPLOY_CONFIG_ENV_VAR} names ${path}, which does not exist`);
    return {};
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new DeployConfigError(`${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new DeployConfigError(`${path}: ${z.prettifyError(parsed.error)}`);
  return (parsed.data.environments ?? {}) as DeploySettings;
}

/** The file's settings with every `SWITCHBOARD_<STAGE>_*` variable that is set laid over them. */
function overlayVariables(stage: Stage, fromFile: TargetSettings, env: NodeJS.ProcessEnv): TargetSettings {
  const names = settingVariables(stage);
  const value = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);
  const accountIds = value(names.accountIds)
    ?.split(/[\s,]+/)
    .filter(Boolean);
  const auth = {
    ...fromFile.auth,
    ...defined({
      issuer: value(names.issuer),
      jwksUrl: value(names.jwksUrl),
      audience: value(names.audience),
    }),
  };
  const topicArn = value(names.alarmTopicArn);
  return {
    ...fromFile,
    ...defined({ accountIds, region: value(names.region) }),
    ...(Object.keys(auth).length ? { auth } : {}),
    ...(topicArn ? { alarms: { ...fromFile.alarms, notify: { topicArn } } } : {}),
  };
}

function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
