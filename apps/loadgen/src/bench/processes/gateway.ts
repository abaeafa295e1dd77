// Child process of the bench: a local gateway for one manifest (argv[2]), in its own process so
// that its RSS and CPU are its own.
import { announce, stopOnSignal } from './announce.js';

/** The part of `@switchboard/local-gateway` the bench uses. */
interface GatewayModule {
  relaunchWithGatewayFlags(): void;
  createGateway(options: { manifest: string; port: number; stage: string; inspector?: boolean }): {
    listen(): Promise<{ webSocketUrl: string; connectionsEndpoint: string }>;
    close(): Promise<void>;
  };
}

const manifest = process.argv[2];
if (!manifest) throw new Error('usage: gateway.js <manifest.json>');
// Imported by name at run time, so the load generator builds and tests without the gateway.
// SWITCHBOARD_BENCH_GATEWAY (a path to another build's index.js) runs that build instead: an A/B
// of two versions of the gateway in one session.
const moduleName = process.env.SWITCHBOARD_BENCH_GATEWAY ?? '@switchboard/local-gateway';
const { createGateway, relaunchWithGatewayFlags } = (await import(moduleName)) as GatewayModule;
// Under the V8 flags `switchboard dev` runs with, so memory figures are what users get.
relaunchWithGatewayFlags();
// SWITCHBOARD_BENCH_INSPECTOR=off: the gateway without its recorder, for the inspector's A/B.
const inspector = process.env.SWITCHBOARD_BENCH_INSPECTOR === 'off' ? { inspector: false } : {};
const gateway = createGateway({ manifest, port: 0, stage: 'bench', ...inspector });
const address = await gateway.listen();
announce({ webSocketUrl: address.webSocketUrl, connectionsEndpoint: address.connectionsEndpoint });
stopOnSignal(() => gateway.close());
