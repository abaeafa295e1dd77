import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseTokenCommand, type TokenCommandOptions, tokenUsage } from './cli-token.js';
import { GatewayConfigError, ManifestNotBuiltError } from './errors.js';
import { DEFAULT_ENV_FILE, envFlagVariables, readEnvFile } from './function-variables.js';
import { defaults, type GatewayOptions } from './options.js';

/** The `switchboard` usage text. */
export const usage = `Usage: switchboard dev [options]
       switchboard token --user ID [options]   (switchboard token --help)

Runs a Switchboard manifest behind a local API Gateway WebSocket API.

Options:
  --manifest FILE            manifest to run (default: the reference app's build,
                             @switchboard/handlers/dist/manifest.json)
  --port N                   port to listen on; 0 picks a free one (default ${defaults.port})
  --host HOST                address to listen on (default ${defaults.host})
  --stage NAME               stage name, the WebSocket URL's path (default ${defaults.stage})
  --data-dir DIR             keep DynamoDB data on disk here (default: in memory)
  --idle-timeout-ms N        close connections idle this long (default ${defaults.idleTimeoutMs})
  --max-duration-ms N        close connections this old (default ${defaults.maxDurationMs})
  --access-key-id ID         credentials for @connections and functions (default ${defaults.accessKeyId})
  --secret-access-key KEY    (default ${defaults.secretAccessKey})
  --region REGION            (default ${defaults.region})
  --web-dir DIR              serve this folder's web page at / (default: the reference web
                             app's build, apps/web/dist, when it exists)
  --heartbeat-interval-ms N  ping every client this often; one silent for a whole interval is
                             cut as a drop (default ${defaults.heartbeatIntervalMs}; 0 turns it off)
  --max-environments N       warm environments per function when calls overlap
                             (default: the number of CPUs, at least 2)
  --chaos-max-delay-ms N     chaos mode: hold each message a random 0..N ms, so replies
                             come back out of order as API Gateway allows (default 0: off)
  --connections-latency-ms N hold each @connections request about N ms (N/2 to 3N/2), as a
                             post from Lambda takes 10-40 ms on AWS (default 0: off)
  --connections-rate-limit N @connections requests a second, burst N/2, then 429
                             LimitExceededException, as the account throttle (default 0: off)
  --access-log FILE          append API Gateway-style JSON access logs to FILE (- for stdout)
  --inspector                serve the inspector, metrics and actions at /@inspector/ even
                             when --host is not a loopback address (default: loopback only)
  --inspector-frames N       frames the inspector keeps, newest first (default 1000)
  --inspector-invocations N  invocations the inspector keeps (default 200)
  --env-file FILE            variables for every function, NAME=value lines
                             (default: ${DEFAULT_ENV_FILE} in the working folder, when present)
  --env NAME[=VALUE]         a variable for every function: VALUE, or without one the
                             shell's NAME (repeatable; over the env file). No other shell
                             variable reaches the functions
  -h, --help                 show this help

Environment:
  DYNAMODB_ENDPOINT          use this DynamoDB-compatible server instead of embedded dynalite
`;

const flags = {
  manifest: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  stage: { type: 'string' },
  'data-dir': { type: 'string' },
  'idle-timeout-ms': { type: 'string' },
  'max-duration-ms': { type: 'string' },
  'access-key-id': { type: 'string' },
  'secret-access-key': { type: 'string' },
  region: { type: 'string' },
  'web-dir': { type: 'string' },
  'heartbeat-interval-ms': { type: 'string' },
  'max-environments': { type: 'string' },
  'chaos-max-delay-ms': { type: 'string' },
  'connections-latency-ms': { type: 'string' },
  'connections-rate-limit': { type: 'string' },
  'access-log': { type: 'string' },
  inspector: { type: 'boolean' },
  'inspector-frames': { type: 'string' },
  'inspector-invocations': { type: 'string' },
  'env-file': { type: 'string' },
  env: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help'; text: string }
  | { kind: 'dev'; options: GatewayOptions & { manifest: string } }
  | { kind: 'token'; options: TokenCommandOptions };

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new GatewayConfigError(`--${flag} expects a whole number, got "${value}"`);
  return Number(value);
}

/**
 * The reference app's built manifest: `dist/manifest.json` beside `@switchboard/handlers`.
 * Throws {@link ManifestNotBuiltError} with the build command when it is missing.
 */
export function defaultManifestPath(): string {
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('@switchboard/handlers/package.json')), 'dist', 'manifest.json');
  if (!existsSync(path)) throw new ManifestNotBuiltError(path);
  return path;
}

/**
 * The reference web app's build (`apps/web/dist` of this repository), found beside the reference
 * handlers as the default manifest is; `undefined` when it is not built, so no page is served.
 */
export function defaultWebDir(): string | undefined {
  const require = createRequire(import.meta.url);
  const handlersDir = dirname(require.resolve('@switchboard/handlers/package.json'));
  const dir = join(handlersDir, '..', '..', 'apps', 'web', 'dist');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

function webDir(value: string | undefined): string | undefined {
  if (value === undefined) return defaultWebDir();
  const dir = resolve(value);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new GatewayConfigError(`--web-dir: no such folder "${value}"`);
  }
  return dir;
}

/** `--env-file` (or `.env.local` when present), then `--env` over it. */
function functionVariables(
  envFile: string | undefined,
  envFlags: string[],
  shell: NodeJS.ProcessEnv,
): Record<string, string> | undefined {
  const file = envFile ?? (existsSync(DEFAULT_ENV_FILE) ? DEFAULT_ENV_FILE : undefined);
  const variables = { ...(file ? readEnvFile(file) : {}), ...envFlagVariables(envFlags, shell) };
  return Object.keys(variables).length ? variables : undefined;
}

/**
 * Parses `switchboard dev [options]` and `switchboard token [options]`. Throws
 * {@link GatewayConfigError} on an unknown command or flag, or a bad value; `env` supplies
 * `DYNAMODB_ENDPOINT` and the values of `--env NAME`.
 */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
  if (argv[0] === 'token') {
    const options = parseTokenCommand(argv.slice(1));
    return options ? { kind: 'token', options } : { kind: 'help', text: tokenUsage };
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof flags; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    throw new GatewayConfigError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', text: usage };
  if (positionals.length !== 1 || positionals[0] !== 'dev') {
    const got = positionals.length ? `"${positionals.join(' ')}"` : 'nothing';
    throw new GatewayConfigError(`Expected the command "dev" or "token", got ${got}`);
  }
  const options: GatewayOptions & { manifest: string } = {
    manifest: values.manifest ?? defaultManifestPath(),
    port: integer('port', values.port) ?? defaults.port,
    host: values.host,
    stage: values.stage,
    dataDir: values['data-dir'],
    idleTimeoutMs: integer('idle-timeout-ms', values['idle-timeout-ms']),
    maxDurationMs: integer('max-duration-ms', values['max-duration-ms']),
    accessKeyId: values['access-key-id'],
    secretAccessKey: values['secret-access-key'],
    region: values.region,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    staticDir: webDir(values['web-dir']),
    heartbeatIntervalMs: integer('heartbeat-interval-ms', values['heartbeat-interval-ms']),
    chaosMaxDelayMs: integer('chaos-max-delay-ms', values['chaos-max-delay-ms']),
    connectionsLatencyMs: integer('connections-latency-ms', values['connections-latency-ms']),
    connectionsRateLimit: integer('connections-rate-limit', values['connections-rate-limit']),
    accessLog: values['access-log'],
    inspector: values.inspector,
    inspectorFrames: integer('inspector-frames', values['inspector-frames']),
    inspectorInvocations: integer('inspector-invocations', values['inspector-invocations']),
    environment: functionVariables(values['env-file'], values.env ?? [], env),
  };
  const maxEnvironmentsPerFunction = integer('max-environments', values['max-environments']);
  if (maxEnvironmentsPerFunction !== undefined) options.runtime = { maxEnvironmentsPerFunction };
  // Leave out what was not given, so createGateway's defaults apply.
  for (const key of Object.keys(options) as Array<keyof typeof options>) {
    if (options[key] === undefined) delete options[key];
  }
  return { kind: 'dev', options };
}
