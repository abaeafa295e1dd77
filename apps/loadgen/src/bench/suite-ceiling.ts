// (1) The ceiling: the bare `ws` server, in its own process, under the same client.
import { startServerProcess, waitForIdle } from './child.js';
import { addFigure, type BenchContext, withRssPeak } from './context.js';
import {
  type Measured,
  measureBroadcast,
  measureThroughput,
  measureUnloadedLatency,
  withOpenConnections,
} from './measures.js';
import { summarizeRuns } from './stats.js';

export const roomSizes = [200, 1000] as const;
export const connectCount = 1000;

export async function runCeiling(ctx: BenchContext): Promise<void> {
  ctx.log('(1) ceiling: bare ws server');
  const server = await startServerProcess({ entry: 'bare' });
  const url = server.webSocketUrl;
  const record = (id: string, label: string, unit: string, measured: Measured) => {
    addFigure(ctx, { id: `ceiling.${id}`, scenario: '1 ceiling (bare ws)', label, unit }, measured);
    if (measured.values.length) ctx.ceiling.set(id, summarizeRuns(measured.values));
  };
  try {
    const [throughput, rssUnderLoad] = await withRssPeak(server, () =>
      measureThroughput(url, 'ping', { runs: ctx.runs }),
    );
    record('throughput', 'round trips, 10 conns x 10 in flight', 'msgs/s', throughput);
    record('rssUnderLoad', 'server RSS peak under round-trip load', 'MB', {
      values: [rssUnderLoad],
      notes: [],
    });
    const latency = await measureUnloadedLatency(url, 'ping', { runs: ctx.runs });
    record('p50', 'unloaded round trip p50', 'ms', latency.p50);
    record('p99', 'unloaded round trip p99', 'ms', latency.p99);
    for (const size of roomSizes) {
      record(
        `broadcast${size}`,
        `broadcast to ${size}: time to all`,
        'ms',
        await measureBroadcast(url, size, Math.max(10, ctx.runs)),
      );
    }
    const rates: number[] = [];
    const rss: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      await withOpenConnections(url, connectCount, async (report) => {
        rates.push(report.perSecond);
        await waitForIdle(server);
        rss.push(server.rssMb());
      });
    }
    record('connectRate', `connect rate, ${connectCount} conns, 100 at once`, 'conns/s', {
      values: rates,
      notes: [],
    });
    record('rss1000', `server RSS with ${connectCount} conns open`, 'MB', { values: rss, notes: [] });
  } finally {
    await server.stop();
  }
}
