// (4) broadcast, (5) connect rate, (6) job round trip and (7) gateway memory, with the
// reference app (packages/handlers dist/manifest.json): join/send with members read from
// dynalite, $connect with the authorizer and a store write, submitJob through Step Functions.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitForIdle } from './child.js';
import { addFigure, addUnavailable, type BenchContext, startGatewayProcess } from './context.js';
import { addCpuFigures } from './cpu-figures.js';
import type { Figure } from './figures.js';
import { measureJobRoundTrip } from './jobs.js';
import { measureBroadcast, withOpenConnections } from './measures.js';
import { connectCount, roomSizes } from './suite-ceiling.js';
import { type CpuPerUnit, cpuWindow } from './thread-cpu.js';

const scenario = {
  broadcast: '4 broadcast (reference join/send)',
  connect: '5 connect (reference $connect)',
  job: '6 job round trip',
  memory: '7 gateway memory',
};
const broadcastFigure = (size: number): Omit<Figure, 'stats'> => ({
  id: `broadcast.${size}`,
  scenario: scenario.broadcast,
  label: `broadcast to ${size}: time to all`,
  unit: 'ms',
});
const figures = {
  connectRate: {
    id: 'connect.rate',
    scenario: scenario.connect,
    label: `connect rate, ${connectCount} conns, 100 at once`,
    unit: 'conns/s',
  },
  job: { id: 'job.roundTrip', scenario: scenario.job, label: 'submitJob -> jobCompleted', unit: 'ms' },
  rssIdle: { id: 'rss.idle', scenario: scenario.memory, label: 'gateway RSS idle, after start', unit: 'MB' },
  rss1000: {
    id: 'rss.1000',
    scenario: scenario.memory,
    label: `gateway RSS with ${connectCount} conns open`,
    unit: 'MB',
  },
  rssGrowth: {
    id: 'rss.growth',
    scenario: scenario.memory,
    label: `idle RSS growth, ${connectCount}-conn rounds 2..n`,
    unit: 'MB',
  },
} satisfies Record<string, Omit<Figure, 'stats'>>;
const allFigures = [...roomSizes.map(broadcastFigure), ...Object.values(figures)];

/** The reference app's manifest, or why it cannot be used. */
export function referenceManifest(): { path: string } | { unavailable: string } {
  let path: string;
  try {
    path = fileURLToPath(
      new URL('dist/manifest.json', import.meta.resolve('@switchboard/handlers/package.json')),
    );
  } catch (error) {
    return { unavailable: `@switchboard/handlers cannot be resolved: ${(error as Error).message}` };
  }
  if (!existsSync(path)) return { unavailable: `the reference app is not built (${path} is missing)` };
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
    functions: Record<string, { routes?: string[] }>;
  };
  const routes = new Set(Object.values(manifest.functions).flatMap((f) => f.routes ?? []));
  const missing = ['$connect', 'join', 'send', 'submitJob'].filter((r) => !routes.has(r));
  return missing.length
    ? { unavailable: `the reference manifest has no ${missing.join(', ')} route` }
    : { path };
}

export async function runReference(ctx: BenchContext, unavailable: string | undefined): Promise<void> {
  ctx.log('(4)-(7) reference app through the gateway');
  const manifest = referenceManifest();
  const why = unavailable ?? ('unavailable' in manifest ? manifest.unavailable : undefined);
  if (why || !('path' in manifest)) return addUnavailable(ctx, allFigures, why ?? 'no manifest');
  let server: Awaited<ReturnType<typeof startGatewayProcess>>;
  try {
    server = await startGatewayProcess(ctx, manifest.path);
  } catch (error) {
    return addUnavailable(ctx, allFigures, (error as Error).message);
  }
  const url = server.webSocketUrl;
  try {
    await waitForIdle(server);
    addFigure(ctx, figures.rssIdle, { values: [server.rssMb()], notes: [] });

    const rates: number[] = [];
    const rss: number[] = [];
    const idleRss: number[] = [];
    const threads: number[] = [];
    const notes: string[] = [];
    const connectCpu: CpuPerUnit[] = [];
    // At least 3 rounds: the first starts the environments, growth is judged on the rest.
    for (let run = 0; run < Math.max(3, ctx.runs); run++) {
      const counting = cpuWindow(server.pid);
      await withOpenConnections(url, connectCount, async (report) => {
        connectCpu.push(counting.end(report.opened));
        rates.push(report.perSecond);
        for (const [reason, count] of Object.entries(report.errors)) notes.push(`${count} x ${reason}`);
        await waitForIdle(server);
        rss.push(server.rssMb());
        threads.push(server.threads());
      });
      // Closing runs $disconnect for every connection: let it finish before the next round.
      await waitForIdle(server);
      idleRss.push(server.rssMb());
    }
    addFigure(
      ctx,
      figures.connectRate,
      { values: rates, notes: [...new Set(notes)] },
      {
        ceilingId: 'connectRate',
        target: { on: 'value', op: '>=', limit: 2000 },
      },
    );
    addCpuFigures(ctx, connectCpu, {
      scenario: scenario.connect,
      idPrefix: 'connect',
      unit: 'connect',
      groups: ['main', 'functions', 'dynalite', 'v8'],
      ceiling: { total: 'cpuConnect', client: 'clientCpuConnect' },
    });
    addFigure(
      ctx,
      figures.rss1000,
      { values: rss, notes: [`threads in the gateway process: ${threads.join(', ')}`] },
      {
        ceilingId: 'rss1000',
        target: { on: 'value', op: '<', limit: 400 },
      },
    );
    addFigure(
      ctx,
      { ...figures.rssGrowth, notes: [`idle RSS after each round: ${idleRss.join(', ')} MB`] },
      { values: [idleRss.at(-1)! - idleRss[1]!], notes: [] },
      { target: { on: 'value', op: '<', limit: 20 } },
    );

    for (const size of roomSizes) {
      const measured = await measureBroadcast(url, size, Math.max(10, ctx.runs));
      await waitForIdle(server);
      addFigure(ctx, broadcastFigure(size), measured, {
        ceilingId: `broadcast${size}`,
        ...(size === 1000 ? { target: { on: 'ratio', op: '<', limit: 15 } as const } : {}),
      });
    }

    addFigure(ctx, figures.job, await measureJobRoundTrip(url, { jobs: Math.max(5, ctx.runs) }));
  } finally {
    await server.stop();
  }
}
