/**
 * The manifest format: the contract between the handlers' build (which writes
 * `dist/manifest.json`), the local gateway (which runs it) and infra (which deploys it).
 * Extend it compatibly: add optional fields, never rename or repurpose one.
 */
import { z } from 'zod';

/** What a function may touch; infra turns each into least-privilege IAM. */
export const permissionNames = ['table', 'connections', 'startWorkflow'] as const;
export type Permission = (typeof permissionNames)[number];

/** Lambda style: a path relative to the manifest's folder without extension, a dot, the export. */
const handlerPattern = /^[A-Za-z0-9_./-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/;

export const functionSpecSchema = z.strictObject({
  handler: z.string().regex(handlerPattern, 'expected "<path without extension>.<export>"'),
  /** Route keys this function serves; none means an authorizer or a workflow task. */
  routes: z.array(z.string().min(1)).optional(),
  /** Two-way route: the returned `body` is sent back to the caller. */
  routeResponse: z.boolean().optional(),
  environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional(),
  /** @default 3 (Lambda's default); API Gateway stops waiting after 29 s regardless. */
  timeoutSeconds: z.number().int().min(1).max(900).optional(),
  /** @default 128 */
  memoryMb: z.number().int().min(128).max(10240).optional(),
  permissions: z.array(z.enum(permissionNames)).optional(),
});

export const authorizerSpecSchema = z.strictObject({
  /** Name of a function in `functions`. */
  function: z.string().min(1),
  /** e.g. `route.request.querystring.token`, `route.request.header.Authorization`. */
  identitySources: z.array(z.string().regex(/^route\.request\.(querystring|header)\.[^.]+$/)),
});

export const stateMachineSpecSchema = z.strictObject({
  /** Amazon States Language. Lambda task resources use {@link functionArnPlaceholder}. */
  definition: z.record(z.string(), z.unknown()),
});

export const manifestSchema = z.strictObject({
  routeSelectionExpression: z.string().min(1),
  authorizer: authorizerSpecSchema.optional(),
  /** DynamoDB `CreateTable` inputs, from the connection store's table definition. */
  tables: z.array(z.looseObject({ TableName: z.string().min(3) })),
  stateMachines: z.record(z.string(), stateMachineSpecSchema).optional(),
  functions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), functionSpecSchema),
});

export type FunctionSpec = z.infer<typeof functionSpecSchema>;
export type AuthorizerSpec = z.infer<typeof authorizerSpecSchema>;
export type StateMachineSpec = z.infer<typeof stateMachineSpecSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Lambda task ARNs in a manifest's ASL are placeholders naming a manifest function; infra swaps
 * in the deployed ARN, the local gateway maps them to its local function.
 * @example functionArnPlaceholder('doWork') // 'arn:aws:lambda:local:000000000000:function:doWork'
 */
export const FUNCTION_ARN_PLACEHOLDER_PREFIX = 'arn:aws:lambda:local:000000000000:function:';
export function functionArnPlaceholder(functionName: string): string {
  return `${FUNCTION_ARN_PLACEHOLDER_PREFIX}${functionName}`;
}
/** The manifest function a placeholder ARN names, or undefined for any other string. */
export function functionNameOfPlaceholder(arn: string): string | undefined {
  return arn.startsWith(FUNCTION_ARN_PLACEHOLDER_PREFIX)
    ? arn.slice(FUNCTION_ARN_PLACEHOLDER_PREFIX.length)
    : undefined;
}

const envSuffix = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]/g, '_')
    .toUpperCase();

/**
 * Environment variables that infra and the local gateway add to every function, on top of the
 * manifest's own `environment`. Same names in both worlds.
 */
export const injectedEnv = {
  /** Name of the manifest's first table, as created. */
  tableName: 'TABLE_NAME',
  /** Name of each table by its manifest `TableName`: `TABLE_NAME_CONNECTIONS`. */
  tableNameOf: (manifestTableName: string) => `TABLE_NAME_${envSuffix(manifestTableName)}`,
  /** `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`, or the local gateway's base. */
  connectionsEndpoint: 'CONNECTIONS_ENDPOINT',
  /** ARN of each state machine by its manifest key: `STATE_MACHINE_ARN_NOTIFY`. */
  stateMachineArnOf: (stateMachineName: string) => `STATE_MACHINE_ARN_${envSuffix(stateMachineName)}`,
} as const;
