/**
 * `switchboard dev`: runs a manifest behind the local gateway until Ctrl-C.
 * Prints exactly `WebSocket URL: ...` and `Connection URL: ...` on stdout when ready, then
 * `Web page: ...` when a page is served, `Inspector: ...` when the inspector is on, then one
 * line per invocation.
 */
import { loadManifest } from '@switchboard/manifest';
import { parseCommandLine, usage } from './cli-args.js';
import { localToken, tokenUsage } from './cli-token.js';
import { GatewayConfigError, GatewayError } from './errors.js';
import { createGateway, type GatewayAddress } from './gateway.js';
import { defaults } from './options.js';

/**
 * The page at `/`. It connects to `/<default stage>` of its own host unless told otherwise, so
 * another stage goes along as `?ws=`.
 */
function webPageUrl(address: GatewayAddress): string {
  const page = `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}/`;
  return address.stage === defaults.stage ? page : `${page}?ws=${address.webSocketUrl}`;
}

/**
 * How to get a token, when a function reads the signing secret (`environmentFrom`): the command,
 * with `--url` unless the gateway is where the command looks by default.
 */
function tokenHint(manifestPath: string, address: GatewayAddress): string | undefined {
  const functions = Object.values(loadManifest(manifestPath).manifest.functions);
  if (!functions.some((fn) => Object.values(fn.environmentFrom ?? {}).includes('localSigningSecret'))) {
    return undefined;
  }
  const isDefault = address.host === defaults.host && address.port === defaults.port;
  const url = isDefault ? '' : ` --url ${new URL(address.connectionsEndpoint).origin}`;
  return `switchboard token --user <id>${url}, then ${address.webSocketUrl}?token=<token>`;
}

/** A signal this soon after the first is the same one, delivered twice. */
const REPEATED_SIGNAL_MS = 500;

async function main(): Promise<number> {
  let command: ReturnType<typeof parseCommandLine>;
  try {
    command = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof GatewayConfigError)) throw error;
    const help = process.argv[2] === 'token' ? tokenUsage : usage;
    process.stderr.write(`switchboard: ${error.message}\n\n${help}`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(command.text);
    return 0;
  }
  if (command.kind === 'token') {
    process.stdout.write(`${await localToken(command.options)}\n`);
    return 0;
  }
  const gateway = createGateway({
    ...command.options,
    watchBundles: true,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  // Handlers first: a script may send SIGINT the moment it reads the URL lines, and a signal
  // that arrives before `process.on` would kill the process without closing anything.
  const stopped = new Promise<number>((resolve) => {
    let stoppingSince: number | undefined;
    const stop = (signal: NodeJS.Signals) => {
      if (stoppingSince !== undefined) {
        // The same Ctrl-C twice: the terminal signals the whole process group, and wrappers
        // (npm exec, pnpm dev) forward it once more. Only a later one is a second Ctrl-C.
        if (performance.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
        // A second Ctrl-C: stop waiting for $disconnect handlers.
        resolve(130);
        return;
      }
      stoppingSince = performance.now();
      process.stderr.write(`switchboard: ${signal}, closing connections...\n`);
      gateway.close().then(
        () => resolve(0),
        (error: unknown) => {
          process.stderr.write(`switchboard: error while closing: ${(error as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const address = await gateway.listen();
  process.stdout.write(`WebSocket URL: ${address.webSocketUrl}\nConnection URL: ${address.connectionUrl}\n`);
  if (command.options.staticDir) process.stdout.write(`Web page: ${webPageUrl(address)}\n`);
  if (address.inspectorUrl) process.stdout.write(`Inspector: ${address.inspectorUrl}\n`);
  const tokens = tokenHint(command.options.manifest, address);
  if (tokens) process.stdout.write(`Tokens: ${tokens}\n`);
  return stopped;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as Error;
    // Errors raised on purpose (a bad flag, manifest or state machine) say what to fix: no stack.
    // Anything else is a bug of ours, and its stack is what a report needs.
    const meant = e instanceof GatewayError || e.name === 'ManifestError';
    process.stderr.write(`switchboard: ${meant ? e.message : (e.stack ?? e)}\n`);
    process.exit(1);
  },
);
