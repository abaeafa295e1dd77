// (2) two-way and (3) one-way route echo through the gateway, with the bench's own fixture
// manifest (bench/fixtures): `ping` answers with a route response, `echo` posts back through
// the connection URL (SigV4-signed PostToConnection).
import { fileURLToPath } from 'node:url';
import { waitForIdle } from './child.js';
import { addFigure, addUnavailable, type BenchContext, startGatewayProcess, withRssPeak } from './context.js';
import { addCpuFigures } from './cpu-figures.js';
import type { Figure } from './figures.js';
import { measureThroughput, measureUnloadedLatency } from './measures.js';

const fixtureManifest = fileURLToPath(new URL('../../bench/fixtures/manifest.json', import.meta.url));

/** The two echo routes: figures, and the targets of each (different by what the route does). */
const echoes = [
  { route: 'ping', kind: 'twoWay', scenario: '2 two-way echo', throughputRatio: 0.25, p99LimitMs: 2 },
  { route: 'echo', kind: 'oneWay', scenario: '3 one-way echo', throughputRatio: 0.08, p99LimitMs: 4 },
].map(({ kind, scenario, ...echo }) => ({
  ...echo,
  kind,
  scenario,
  throughput: {
    id: `${kind}.throughput`,
    scenario,
    label: 'round trips, 10 conns x 10 in flight',
    unit: 'msgs/s',
  },
  p50: { id: `${kind}.p50`, scenario, label: 'unloaded round trip p50', unit: 'ms' },
  p99: { id: `${kind}.p99`, scenario, label: 'unloaded round trip p99', unit: 'ms' },
})) satisfies Array<Record<'throughput' | 'p50' | 'p99', Omit<Figure, 'stats'>>>;

const memoryFigures = {
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

const allFigures = [
  ...echoes.flatMap((echo) => [echo.throughput, echo.p50, echo.p99]),
  ...Object.values(memoryFigures),
];

export async function runEcho(ctx: BenchContext, unavailable: string | undefined): Promise<void> {
  ctx.log('(2)+(3) route echo through the gateway (fixture manifest)');
  if (unavailable) return addUnavailable(ctx, allFigures, unavailable);
  let server: Awaited<ReturnType<typeof startGatewayProcess>>;
  try {
    server = await startGatewayProcess(ctx, fixtureManifest);
  } catch (error) {
    return addUnavailable(ctx, allFigures, (error as Error).message);
  }
  const url = server.webSocketUrl;
  try {
    const idleRss: number[] = [];
    const [throughputs, peak] = await withRssPeak(server, async () => {
      const measured = [];
      for (const echo of echoes) {
        measured.push(await measureThroughput(url, echo.route, { runs: ctx.runs, pid: server.pid }));
        await waitForIdle(server);
        idleRss.push(server.rssMb());
      }
      return measured;
    });
    for (const [i, echo] of echoes.entries()) {
      addFigure(ctx, echo.throughput, throughputs[i]!, {
        ceilingId: 'throughput',
        target: { on: 'ratio', op: '>=', limit: echo.throughputRatio },
      });
      addCpuFigures(ctx, throughputs[i]!.cpu, {
        scenario: echo.scenario,
        idPrefix: echo.kind,
        unit: 'round trip',
        groups: ['main', 'functions', 'v8'],
        ceiling: { total: 'cpuRoundTrip', client: 'clientCpuRoundTrip' },
      });
    }
    for (const echo of echoes) {
      const latency = await measureUnloadedLatency(url, echo.route, { runs: ctx.runs });
      addFigure(ctx, echo.p50, latency.p50, { ceilingId: 'p50' });
      addFigure(ctx, echo.p99, latency.p99, {
        ceilingId: 'p99',
        target: { on: 'value', op: '<', limit: echo.p99LimitMs },
      });
    }
    addFigure(
      ctx,
      memoryFigures.rssUnderLoad,
      { values: [peak], notes: [`threads in the gateway process: ${server.threads()}`] },
      { ceilingId: 'rssUnderLoad' },
    );
    // Repeat the whole load and see whether idle memory keeps climbing. The first repeat still
    // starts environments, so growth is judged from the end of it.
    for (let round = 0; round < 3; round++) {
      for (const echo of echoes) await measureThroughput(url, echo.route, { runs: 1 });
      await waitForIdle(server);
      idleRss.push(server.rssMb());
    }
    addFigure(
      ctx,
      { ...memoryFigures.rssGrowthEcho, notes: [`idle RSS after each round: ${idleRss.join(', ')} MB`] },
      { values: [idleRss.at(-1)! - idleRss[2]!], notes: [] },
      { target: { on: 'value', op: '<', limit: 20 } },
    );
  } finally {
    await server.stop();
  }
}
