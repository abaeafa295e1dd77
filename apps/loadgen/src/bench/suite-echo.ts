// (2) two-way and (3) one-way route echo through the gateway, with the bench's own fixture
// manifest (bench/fixtures): `ping` answers with a route response, `echo` posts back through
// the connection URL (SigV4-signed PostToConnection).
import { fileURLToPath } from 'node:url';
import { waitForIdle } from './child.js';
import { addFigure, addUnavailable, type BenchContext, startGatewayProcess, withRssPeak } from './context.js';
import type { Figure } from './figures.js';
import { measureThroughput, measureUnloadedLatency } from './measures.js';

const fixtureManifest = fileURLToPath(new URL('../../bench/fixtures/manifest.json', import.meta.url));

const figures = {
  twoWayThroughput: {
    id: 'twoWay.throughput',
    scenario: '2 two-way echo',
    label: 'round trips, 10 conns x 10 in flight',
    unit: 'msgs/s',
  },
  twoWayP50: { id: 'twoWay.p50', scenario: '2 two-way echo', label: 'unloaded round trip p50', unit: 'ms' },
  twoWayP99: { id: 'twoWay.p99', scenario: '2 two-way echo', label: 'unloaded round trip p99', unit: 'ms' },
  oneWayThroughput: {
    id: 'oneWay.throughput',
    scenario: '3 one-way echo',
    label: 'round trips, 10 conns x 10 in flight',
    unit: 'msgs/s',
  },
  oneWayP50: { id: 'oneWay.p50', scenario: '3 one-way echo', label: 'unloaded round trip p50', unit: 'ms' },
  oneWayP99: { id: 'oneWay.p99', scenario: '3 one-way echo', label: 'unloaded round trip p99', unit: 'ms' },
  rssUnderLoad: {
    id: 'rss.underLoad',
    scenario: '7 gateway memory',
    label: 'gateway RSS peak under the load of 2-3',
    unit: 'MB',
  },
  rssGrowthEcho: {
    id: 'rss.growthEcho',
    scenario: '7 gateway memory',
    label: 'idle RSS growth, repeated 2-3 rounds 2..n',
    unit: 'MB',
  },
} satisfies Record<string, Omit<Figure, 'stats'>>;

export async function runEcho(ctx: BenchContext, unavailable: string | undefined): Promise<void> {
  ctx.log('(2)+(3) route echo through the gateway (fixture manifest)');
  if (unavailable) return addUnavailable(ctx, Object.values(figures), unavailable);
  let server: Awaited<ReturnType<typeof startGatewayProcess>>;
  try {
    server = await startGatewayProcess(ctx, fixtureManifest);
  } catch (error) {
    return addUnavailable(ctx, Object.values(figures), (error as Error).message);
  }
  const url = server.webSocketUrl;
  try {
    const idleRss: number[] = [];
    const [[twoWay, oneWay], peak] = await withRssPeak(server, async () => {
      const two = await measureThroughput(url, 'ping', { runs: ctx.runs });
      await waitForIdle(server);
      idleRss.push(server.rssMb());
      const one = await measureThroughput(url, 'echo', { runs: ctx.runs });
      await waitForIdle(server);
      idleRss.push(server.rssMb());
      return [two, one] as const;
    });
    addFigure(ctx, figures.twoWayThroughput, twoWay, {
      ceilingId: 'throughput',
      target: { on: 'ratio', op: '>=', limit: 0.25 },
    });
    addFigure(ctx, figures.oneWayThroughput, oneWay, {
      ceilingId: 'throughput',
      target: { on: 'ratio', op: '>=', limit: 0.08 },
    });
    const two = await measureUnloadedLatency(url, 'ping', { runs: ctx.runs });
    addFigure(ctx, figures.twoWayP50, two.p50, { ceilingId: 'p50' });
    addFigure(ctx, figures.twoWayP99, two.p99, {
      ceilingId: 'p99',
      target: { on: 'value', op: '<', limit: 2 },
    });
    const one = await measureUnloadedLatency(url, 'echo', { runs: ctx.runs });
    addFigure(ctx, figures.oneWayP50, one.p50, { ceilingId: 'p50' });
    addFigure(ctx, figures.oneWayP99, one.p99, {
      ceilingId: 'p99',
      target: { on: 'value', op: '<', limit: 4 },
    });
    addFigure(
      ctx,
      figures.rssUnderLoad,
      { values: [peak], notes: [`threads in the gateway process: ${server.threads()}`] },
      { ceilingId: 'rssUnderLoad' },
    );
    // Repeat the whole load and see whether idle memory keeps climbing. The first repeat still
    // starts environments, so growth is judged from the end of it.
    for (let round = 0; round < 3; round++) {
      await measureThroughput(url, 'ping', { runs: 1 });
      await measureThroughput(url, 'echo', { runs: 1 });
      await waitForIdle(server);
      idleRss.push(server.rssMb());
    }
    addFigure(
      ctx,
      { ...figures.rssGrowthEcho, notes: [`idle RSS after each round: ${idleRss.join(', ')} MB`] },
      { values: [idleRss.at(-1)! - idleRss[2]!], notes: [] },
      { target: { on: 'value', op: '<', limit: 20 } },
    );
  } finally {
    await server.stop();
  }
}
