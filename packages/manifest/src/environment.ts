/**
 * The environment every manifest function gets: its own `environment`, then the variables both
 * worlds inject ({@link injectedEnv} names). Only the sources differ: infra passes the deployed
 * table names, the API's connection URL and the state machines' ARNs; the local gateway passes
 * its own. The injected variables win over a manifest `environment` of the same name.
 */
import { ManifestError } from './errors.js';
import type { Manifest } from './format.js';
import { injectedEnv } from './names.js';

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
 * One function's environment as the manifest defines it: its own `environment`, then the
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
  return { ...spec.environment, ...injectedEnvironment(manifest, sources) };
}
