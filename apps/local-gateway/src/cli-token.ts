/**
 * `switchboard token --user <id>`: prints a token the local gateway's authorizer accepts as that
 * user. With `--data-dir DIR` it signs with the secret kept there (no gateway needs to run);
 * otherwise it asks the running gateway (`--url`, default the default port), whose per-run secret
 * no other process can know.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GatewayConfigError } from './errors.js';
import {
  checkUserId,
  readSigningSecret,
  SIGNING_SECRET_FILE,
  signLocalToken,
  TOKEN_PATH,
} from './local-auth/index.js';
import { defaults } from './options.js';

export const tokenUsage = `Usage: switchboard token --user ID [options]

Prints a token (a JWT for the local signing secret) that the local gateway's authorizer
accepts as user ID: connect with ws://127.0.0.1:3001/dev?token=<token>.

Options:
  --user ID                  the user id (the token's sub)
  --url URL                  the running gateway, any of its printed URLs
                             (default http://${defaults.host}:${defaults.port})
  --data-dir DIR             sign with the secret kept in DIR by switchboard dev --data-dir DIR,
                             without asking a gateway
  --expires-in-seconds N     (default 86400)
  -h, --help                 show this help
`;

export interface TokenCommandOptions {
  userId: string;
  /** The gateway's origin, `http://host:port`. */
  gatewayUrl: string;
  dataDir?: string;
  expiresInSeconds?: number;
}

const flags = {
  user: { type: 'string' },
  url: { type: 'string' },
  'data-dir': { type: 'string' },
  'expires-in-seconds': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The gateway's plain-HTTP origin from any URL it printed (`ws://…/dev`, `http://…/@connections`). */
function gatewayOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GatewayConfigError(`--url: not a URL: "${value}"`);
  }
  if (!['ws:', 'http:'].includes(url.protocol)) {
    throw new GatewayConfigError(`--url: expected the gateway's ws:// or http:// URL, got "${value}"`);
  }
  return `http://${url.host}`;
}

/** Parses the arguments after `token`; `undefined` asks for the help text. */
export function parseTokenCommand(argv: string[]): TokenCommandOptions | undefined {
  let values: ReturnType<typeof parseArgs<{ options: typeof flags }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: flags, strict: true }));
  } catch (error) {
    throw new GatewayConfigError((error as Error).message);
  }
  if (values.help) return undefined;
  if (!values.user) throw new GatewayConfigError('switchboard token: name the user with --user ID');
  checkUserId(values.user);
  const expires = values['expires-in-seconds'];
  if (expires !== undefined && !/^[1-9]\d*$/.test(expires)) {
    throw new GatewayConfigError(
      `--expires-in-seconds expects a whole number of at least 1, got "${expires}"`,
    );
  }
  const options: TokenCommandOptions = {
    userId: values.user,
    gatewayUrl: gatewayOrigin(values.url ?? `http://${defaults.host}:${defaults.port}`),
  };
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (expires !== undefined) options.expiresInSeconds = Number(expires);
  return options;
}

/** The token for `options`, from the data dir's secret or from the running gateway. */
export async function localToken(options: TokenCommandOptions): Promise<string> {
  const { userId, expiresInSeconds } = options;
  if (options.dataDir !== undefined) {
    const secret = readSigningSecret(options.dataDir);
    if (!secret) {
      throw new GatewayConfigError(
        `No signing secret in ${options.dataDir} (${join(options.dataDir, SIGNING_SECRET_FILE)}): ` +
          `start \`switchboard dev --data-dir ${options.dataDir}\` once to make it.`,
      );
    }
    return signLocalToken(secret, { userId, expiresInSeconds });
  }
  const url = new URL(TOKEN_PATH, options.gatewayUrl);
  url.searchParams.set('user', userId);
  if (expiresInSeconds !== undefined) url.searchParams.set('expiresInSeconds', String(expiresInSeconds));
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new GatewayConfigError(
      `No gateway answers at ${options.gatewayUrl} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}): ` +
        'start `switchboard dev` (or `pnpm dev`), or pass --url with its address, or --data-dir.',
    );
  }
  const body = (await response.json().catch(() => ({}))) as { token?: string; message?: string };
  if (!response.ok || !body.token) {
    const why = body.message ?? `HTTP ${response.status}`;
    throw new GatewayConfigError(`The gateway at ${options.gatewayUrl} gave no token: ${why}`);
  }
  return body.token;
}
