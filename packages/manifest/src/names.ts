/**
 * Names shared by the manifest's producers and consumers that must not pull in zod: function
 * bundles import these (placeholders, injected environment names, permissions) from
 * `@switchboard/manifest/names`; the package root re-exports them.
 */

/** What a function may touch; infra turns each into least-privilege IAM. */
export const permissionNames = ['table', 'connections', 'startWorkflow'] as const;
export type Permission = (typeof permissionNames)[number];

/**
 * Values a world supplies to a function's `environmentFrom`, by name. `localSigningSecret`: the
 * HMAC secret the local gateway signs `switchboard token` tokens with (kept in `--data-dir`, or
 * made per run). A world without a value for a source leaves the variable unset: infra supplies
 * none, so a deployed authorizer gets its key from its stage's own settings.
 */
export const valueSourceNames = ['localSigningSecret'] as const;
export type ValueSource = (typeof valueSourceNames)[number];

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

/**
 * Settings the reference app's `authorize` function reads from its environment; infra sets them
 * per stage, so the names live here rather than being spelled twice.
 */
export const authEnv = {
  /** `optional` (guests get a generated id) or `required`. */
  mode: 'AUTH_MODE',
  /** An HMAC secret (HS256/384/512); keep it out of Terraform state. */
  secret: 'JWT_SECRET',
  /** A JSON Web Key Set URL for asymmetric tokens. */
  jwksUrl: 'JWKS_URL',
  issuer: 'JWT_ISSUER',
  audience: 'JWT_AUDIENCE',
} as const;
