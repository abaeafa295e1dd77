/**
 * Joins the environments table with the deploy settings: which stacks the app synthesizes, each
 * environment's resolved `EnvConfig`, the bootstrap stack of each account and Region, and the
 * one-line notices that say what is missing.
 */
import { bootstrapStackId, stateBucketName } from '../naming.js';
import type { AlarmSettings } from './alarm-settings.js';
import {
  DEPLOY_CONFIG_FILE,
  type DeploySettings,
  settingVariables,
  type TargetSettings,
} from './deploy-settings.js';
import {
  type AuthConfig,
  type EnvConfig,
  type EnvironmentDefaults,
  environmentDefaults,
  type Stage,
  type StateBackendConfig,
  stages,
} from './environments.js';

/** One bootstrap stack: the account-wide API Gateway logging role and the state bucket. */
export interface BootstrapTarget {
  /** Stack name: `bootstrap-<account>-<region>`, or `bootstrap-<region>` with no account given. */
  readonly stackId: string;
  readonly region: string;
  /** Empty when no environment in that Region names its account (dev unconfigured). */
  readonly accountIds: readonly string[];
}

export interface EnvironmentPlan {
  /** The environments to synthesize. */
  readonly environments: Partial<Record<Stage, EnvConfig>>;
  /** Environments left out, with the message that says what to set. */
  readonly unconfigured: Partial<Record<Stage, string>>;
  /** Bootstrap stacks, one per account and Region, deduplicated. */
  readonly bootstraps: readonly BootstrapTarget[];
  /** The bootstrap stack each synthesized environment relies on. */
  readonly bootstrapOf: Partial<Record<Stage, string>>;
  /** One line each: environments left out, and what dev runs with until configured. */
  readonly notices: readonly { readonly stage: Stage; readonly line: string }[];
}

/**
 * @example
 * const plan = resolveEnvironments(readDeploySettings({ env: process.env, infraDir }));
 * for (const { line } of plan.notices) console.error(line);
 */
export function resolveEnvironments(
  settings: DeploySettings,
  defaults: Record<Stage, EnvironmentDefaults> = environmentDefaults,
): EnvironmentPlan {
  const environments: Partial<Record<Stage, EnvConfig>> = {};
  const unconfigured: Partial<Record<Stage, string>> = {};
  const bootstraps = new Map<string, BootstrapTarget>();
  const bootstrapOf: Partial<Record<Stage, string>> = {};
  const notices: { stage: Stage; line: string }[] = [];
  for (const stage of stages) {
    const table = defaults[stage];
    const target = settings[stage] ?? {};
    const missing = missingSettings(stage, table, target);
    if (missing) {
      unconfigured[stage] = missing;
      notices.push({ stage, line: missing });
      continue;
    }
    const region = (target.region ?? table.defaultRegion)!;
    const accountIds = target.accountIds ?? [];
    const bootstrap: BootstrapTarget = {
      stackId: bootstrapStackId(accountIds[0], region),
      region,
      accountIds,
    };
    if (!bootstraps.has(bootstrap.stackId)) bootstraps.set(bootstrap.stackId, bootstrap);
    bootstrapOf[stage] = bootstrap.stackId;
    environments[stage] = toEnvConfig(stage, table, target, region, accountIds);
    const defaultsUsed = describeDefaultsUsed(stage, target, region);
    if (defaultsUsed) notices.push({ stage, line: defaultsUsed });
  }
  return { environments, unconfigured, bootstraps: [...bootstraps.values()], bootstrapOf, notices };
}

/** The one-line message for an environment that cannot be synthesized yet, or undefined. */
function missingSettings(
  stage: Stage,
  table: EnvironmentDefaults,
  target: TargetSettings,
): string | undefined {
  if (!table.requiresConfiguration) return undefined;
  const names = settingVariables(stage);
  const missing: [variable: string, field: string][] = [];
  if (!target.accountIds?.length) missing.push([names.accountIds, 'accountIds']);
  if (!target.region) missing.push([names.region, 'region']);
  if (!target.auth?.issuer) missing.push([names.issuer, 'auth.issuer']);
  if (!target.auth?.jwksUrl) missing.push([names.jwksUrl, 'auth.jwksUrl']);
  if (!missing.length) return undefined;
  return (
    `${stage} is not configured, so it is not synthesized: set ${missing.map(([v]) => v).join(', ')} ` +
    `(or ${missing.map(([, f]) => f).join(', ')} under environments.${stage} in infra/${DEPLOY_CONFIG_FILE})`
  );
}

function toEnvConfig(
  stage: Stage,
  table: EnvironmentDefaults,
  target: TargetSettings,
  region: string,
  accountIds: readonly string[],
): EnvConfig {
  const { authMode, requiresConfiguration, defaultRegion, stateKind, ...shared } = table;
  return {
    ...shared,
    region,
    accountIds,
    auth: resolveAuth(authMode, target),
    state: resolveState(stage, stateKind, accountIds, region),
    alarms: mergeAlarms(table.alarms, target.alarms),
    production: {
      ...table.production,
      ...(target.customDomain ? { customDomain: target.customDomain } : {}),
      ...(target.reservedConcurrency ? { reservedConcurrency: target.reservedConcurrency } : {}),
      ...(target.ipAddressType ? { ipAddressType: target.ipAddressType } : {}),
      ...(target.tracing !== undefined ? { tracing: target.tracing } : {}),
    },
  };
}

/** An identity provider (issuer and JWKS) turns the authorizer on; without one every caller is a guest. */
function resolveAuth(mode: 'optional' | 'required', target: TargetSettings): AuthConfig {
  const { issuer, jwksUrl, audience } = target.auth ?? {};
  if (!issuer || !jwksUrl) return { mode: 'none' };
  return { mode, jwt: { issuer, jwksUrl, ...(audience ? { audience } : {}) } };
}

function resolveState(
  stage: Stage,
  kind: 'local' | 's3',
  accountIds: readonly string[],
  region: string,
): StateBackendConfig {
  // Only environments that name their account get here with 's3' (missingSettings checks it).
  if (kind === 'local' || !accountIds[0]) return { kind: 'local' };
  return {
    kind: 's3',
    bucket: stateBucketName(accountIds[0], region),
    key: `switchboard/${stage}.tfstate`,
    region,
  };
}

function mergeAlarms(base: AlarmSettings, override: TargetSettings['alarms']): AlarmSettings {
  if (!override) return base;
  const { thresholds, notify, ...rest } = override;
  return {
    ...base,
    ...rest,
    thresholds: { ...base.thresholds, ...thresholds },
    ...(notify ? { notify } : {}),
  };
}

/** What an environment that needs no configuration (dev) falls back to, in one line. */
function describeDefaultsUsed(stage: Stage, target: TargetSettings, region: string): string | undefined {
  const names = settingVariables(stage);
  const parts: string[] = [];
  if (!target.region) parts.push(`Region ${region} (the default; set ${names.region})`);
  if (!target.accountIds?.length) parts.push(`no account guard (set ${names.accountIds})`);
  if (!target.auth?.issuer || !target.auth.jwksUrl) {
    parts.push(`guest mode, no authorizer (set ${names.issuer} and ${names.jwksUrl})`);
  }
  return parts.length ? `${stage} runs with ${parts.join(', ')}` : undefined;
}
