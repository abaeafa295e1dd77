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
import { cpuLabels } from './cpu-figures.js';
import { summarizeRuns } from './stats.js';
import { type CpuPerUnit, cpuWindow, totalOf } from './thread-cpu.js';

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
  // The ceilings of the gateway's CPU figures (cpu-figures.ts): ids cpuRoundTrip, clientCpuRoundTrip...
  const recordCpu = (what: string, unit: string, runs: CpuPerUnit[]) => {
    const values = (pick: (run: CpuPerUnit) => number) => ({ values: runs.map(pick), notes: [] });
    record(
      `cpu${what}`,
      cpuLabels.total(unit),
      'µs',
      values((r) => totalOf(r.server)),
    );
    record(
      `clientCpu${what}`,
      cpuLabels.client(unit),
      'µs',
      values((r) => r.client),
    );
  };
  try {
    const [throughput, rssUnderLoad] = await withRssPeak(server, () =>
      measureThroughput(url, 'ping', { runs: ctx.runs, pid: server.pid }),
    );
    record('throughput', 'round trips, 10 conns x 10 in flight', 'msgs/s', throughput);
    recordCpu('RoundTrip', 'round trip', throughput.cpu);
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
    const connectCpu: CpuPerUnit[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const counting = cpuWindow(server.pid);
      await withOpenConnections(url, connectCount, async (report) => {
        connectCpu.push(counting.end(report.opened));
        rates.push(report.perSecond);
        await waitForIdle(server);
        rss.push(server.rssMb());
      });
    }
    record('connectRate', `connect rate, ${connectCount} conns, 100 at once`, 'conns/s', {
      values: rates,
      notes: [],
    });
    recordCpu('Connect', 'connect', connectCpu);
    record('rss1000', `server RSS with ${connectCount} conns open`, 'MB', { values: rss, notes: [] });
  } finally {
    await server.stop();
  }
}
