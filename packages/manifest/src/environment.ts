/**
 * The environment every manifest function gets: its own `environment`, then the variables both
 * worlds inject ({@link injectedEnv} names). Only the sources differ: infra passes the deployed
 * table names, the API's connection URL and the state machines' ARNs; the local gateway passes
 * its own. The injected variables win over a manifest `environment` of the same name.
 */
import { ManifestError } from './errors.js';
import type { Manifest } from './format.js';
import type { FunctionSpec } from './format.js';
import { injectedEnv, type ValueSource } from './names.js';

/** The values one world supplies for `environmentFrom`; a source it leaves out stays unset. */
export type ValueSources = Partial<Readonly<Record<ValueSource, string>>>;

/** Where the injected values come from, in one world. */
export interface EnvironmentSources {
  /**
   * The created name of each table, by its manifest `TableName` (infra prefixes names per stage).
   * @default each table's manifest `TableName` (the local gateway creates them as written)
   */
  tableNames?: Readonly<Record<string, string>>;
  /** The connection URL with the stage: `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`. */
  connectionsEndpoint: string;
  /** The ARN of each state machine, by its manifest key. */
  stateMachineArns: Readonly<Record<string, string>>;
  /**
   * Values for the functions' `environmentFrom` (the local gateway's `localSigningSecret`).
   * @default {} (every `environmentFrom` variable unset, as infra deploys them)
   */
  values?: ValueSources;
}

/**
 * A function's own variables: its `environment`, and each `environmentFrom` variable whose source
 * has a value in `values` (the others stay unset). Without the injected variables.
 * @example
 * declaredEnvironment({ handler: 'a.handler', environment: { AUTH_MODE: 'optional' },
 *   environmentFrom: { JWT_SECRET: 'localSigningSecret' } }, { localSigningSecret: 's' });
 * // { AUTH_MODE: 'optional', JWT_SECRET: 's' }
 */
export function declaredEnvironment(spec: FunctionSpec, values: ValueSources = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, source] of Object.entries(spec.environmentFrom ?? {})) {
    const value = values[source];
    if (value !== undefined) env[name] = value;
  }
  // parseManifest refuses a name in both; a hand-built manifest keeps what it wrote down.
  return { ...env, ...spec.environment };
}

/**
 * The variables injected into every function: `TABLE_NAME` (the first table), `TABLE_NAME_<X>`
 * per table, `CONNECTIONS_ENDPOINT`, `STATE_MACHINE_ARN_<X>` per state machine.
 * @example
 * injectedEnvironment(manifest, {
 *   tableNames: { connections: 'switchboard-dev-connections' },
 *   connectionsEndpoint: api.connectionsUrl,
 *   stateMachineArns: { notify: workflow.stateMachineArn },
 * });
 * // { TABLE_NAME: 'switchboard-dev-connections', TABLE_NAME_CONNECTIONS: 'switchboard-dev-connections',
 * //   CONNECTIONS_ENDPOINT: 'https://…/dev', STATE_MACHINE_ARN_NOTIFY: 'arn:aws:states:…' }
 */
export function injectedEnvironment(manifest: Manifest, sources: EnvironmentSources): Record<string, string> {
  const tableName = (manifestName: string) => sources.tableNames?.[manifestName] ?? manifestName;
  const env: Record<string, string> = {};
  const [first] = manifest.tables;
  if (first) env[injectedEnv.tableName] = tableName(first.TableName);
  for (const table of manifest.tables)
    env[injectedEnv.tableNameOf(table.TableName)] = tableName(table.TableName);
  env[injectedEnv.connectionsEndpoint] = sources.connectionsEndpoint;
  for (const [name, arn] of Object.entries(sources.stateMachineArns)) {
    env[injectedEnv.stateMachineArnOf(name)] = arn;
  }
  return env;
}

/**
 * The names {@link injectedEnvironment} sets for a manifest, sorted: what a test compares across
 * the two worlds without caring about values.
 */
export function injectedVariableNames(manifest: Manifest): string[] {
  const stateMachineArns = Object.fromEntries(Object.keys(manifest.stateMachines ?? {}).map((n) => [n, '']));
  return Object.keys(injectedEnvironment(manifest, { connectionsEndpoint: '', stateMachineArns })).sort();
}

/**
 * One function's environment as the manifest defines it: its own `environment` and the
 * `environmentFrom` variables the world has values for ({@link declaredEnvironment}), then the
 * injected variables. The world adds its platform variables (`AWS_REGION`, ...) on top.
 * @example
 * functionEnvironment(manifest, 'authorize', sources); // { AUTH_MODE: 'optional', TABLE_NAME: '…', … }
 */
export function functionEnvironment(
  manifest: Manifest,
  functionName: string,
  sources: EnvironmentSources,
): Record<string, string> {
  const spec = manifest.functions[functionName];
  if (!spec) throw new ManifestError(`The manifest has no function named "${functionName}"`);
  return { ...declaredEnvironment(spec, sources.values), ...injectedEnvironment(manifest, sources) };
}
