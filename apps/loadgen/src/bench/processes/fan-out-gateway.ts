// Child process of the bench: a local gateway for the reference app under AWS-like conditions,
// for the broadcast figures of issue 18. argv: <manifest.json> <latencyMs> <rateLimit> <threshold>.
// The threshold picks the path: 0 posts every room from `send` (direct), 1 fans every room out.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { announce, stopOnSignal } from './announce.js';

interface GatewayModule {
  relaunchWithGatewayFlags(): void;
  createGateway(options: Record<string, unknown>): {
    listen(): Promise<{ webSocketUrl: string; connectionsEndpoint: string }>;
    close(): Promise<void>;
  };
}

const [manifestPath, latency, rateLimit, threshold] = process.argv.slice(2);
if (!manifestPath || latency === undefined || rateLimit === undefined || threshold === undefined) {
  throw new Error('usage: fan-out-gateway.js <manifest.json> <latencyMs> <rateLimit> <threshold>');
}
const { createGateway, relaunchWithGatewayFlags } = (await import(
  process.env.SWITCHBOARD_BENCH_GATEWAY ?? '@switchboard/local-gateway'
)) as GatewayModule;
relaunchWithGatewayFlags();

const path = resolve(manifestPath);
const manifest = JSON.parse(readFileSync(path, 'utf8'));
const rate = Number(rateLimit);
manifest.functions.rooms.environment = {
  ...manifest.functions.rooms.environment,
  FANOUT_THRESHOLD: threshold,
};
// Under a limit, one broadcast keeps 10% of it for everything else (as FANOUT_RATE_PER_SECOND
// would on AWS); without one, no pacing to speak of.
const broadcastRate = rate > 0 ? Math.floor(rate * 0.9) : 1_000_000;
for (const fn of ['rooms', 'fanOut']) {
  manifest.functions[fn].environment = {
    ...manifest.functions[fn].environment,
    FANOUT_RATE_PER_SECOND: String(broadcastRate),
    FANOUT_WORKER_CONCURRENCY: '64',
  };
}
const gateway = createGateway({
  manifest: { manifest, baseDir: dirname(path), path },
  port: 0,
  stage: 'bench',
  connectionsLatencyMs: Number(latency),
  connectionsRateLimit: rate,
  // As Lambda runs a Map's slices at once: an environment per shard (8), not one per core.
  runtime: { maxEnvironmentsPerFunction: 8 },
});
const address = await gateway.listen();
announce({ webSocketUrl: address.webSocketUrl, connectionsEndpoint: address.connectionsEndpoint });
stopOnSignal(() => gateway.close());
