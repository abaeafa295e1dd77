// Child process of the bench: a local gateway for one manifest, in its own process so that its
// RSS and CPU are its own. argv: <manifest.json> [setup JSON, see GatewaySetup].
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { announce, stopOnSignal } from './announce.js';

/** What a suite may change for its run: gateway options, and variables of some functions. */
export interface GatewaySetup {
  options?: Record<string, unknown>;
  /** Per function name, variables laid over the manifest's `environment`. */
  environment?: Record<string, Record<string, string>>;
}

/** The part of `@switchboard/local-gateway` the bench uses. */
interface GatewayModule {
  relaunchWithGatewayFlags(): void;
  createGateway(options: Record<string, unknown>): {
    listen(): Promise<{ webSocketUrl: string; connectionsEndpoint: string }>;
    close(): Promise<void>;
  };
}

const [manifestPath, setupJson] = process.argv.slice(2);
if (!manifestPath) throw new Error('usage: gateway.js <manifest.json> [setup JSON]');
const setup = (setupJson ? JSON.parse(setupJson) : {}) as GatewaySetup;
// Imported by name at run time, so the load generator builds and tests without the gateway.
// SWITCHBOARD_BENCH_GATEWAY (a path to another build's index.js) runs that build instead: an A/B
// of two versions of the gateway in one session.
const moduleName = process.env.SWITCHBOARD_BENCH_GATEWAY ?? '@switchboard/local-gateway';
const { createGateway, relaunchWithGatewayFlags } = (await import(moduleName)) as GatewayModule;
// Under the V8 flags `switchboard dev` runs with, so memory figures are what users get.
relaunchWithGatewayFlags();

/** The manifest as a path, or loaded with the suite's variables laid over it. */
function manifestOption(): unknown {
  if (!setup.environment) return manifestPath;
  const path = resolve(manifestPath as string);
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  for (const [name, variables] of Object.entries(setup.environment)) {
    const fn = manifest.functions[name];
    if (!fn) throw new Error(`gateway.js: the manifest has no function "${name}"`);
    fn.environment = { ...fn.environment, ...variables };
  }
  return { manifest, baseDir: dirname(path), path };
}

// SWITCHBOARD_BENCH_INSPECTOR=off: the gateway without its recorder, for the inspector's A/B.
const inspector = process.env.SWITCHBOARD_BENCH_INSPECTOR === 'off' ? { inspector: false } : {};
const gateway = createGateway({
  manifest: manifestOption(),
  port: 0,
  stage: 'bench',
  ...inspector,
  ...setup.options,
});
const address = await gateway.listen();
announce({ webSocketUrl: address.webSocketUrl, connectionsEndpoint: address.connectionsEndpoint });
stopOnSignal(() => gateway.close());
