// What the bench measures, each against any WebSocket URL (the bare server or a gateway), so
// the ceiling and the gateway go through exactly the same client code.
import { randomBytes } from 'node:crypto';
import { closeConnections, openConnections } from '../connections.js';
import { runLoad } from '../run-load.js';
import { type CpuPerUnit, cpuWindow } from './thread-cpu.js';

/** Values of the measured runs plus what the reader must know (losses, failures). */
export interface Measured {
  values: number[];
  notes: string[];
}

const noteLosses = (notes: string[], what: string, lost: number, rejected = 0) => {
  if (lost) notes.push(`${lost} ${what} LOST`);
  if (rejected) notes.push(`${rejected} ${what} rejected with an error`);
};

export interface ThroughputShape {
  runs: number;
  /** @default 10 */
  connections?: number;
  /** @default 10 */
  window?: number;
  /** Target length of one run; the message count is sized from a warm-up run. @default 1.5 */
  seconds?: number;
  /** The server's pid: also measure CPU per round trip, by thread group, in each run. */
  pid?: number;
}

/** Round trips per second with `connections` x `window` requests in flight. */
export async function measureThroughput(
  url: string,
  route: string,
  shape: ThroughputShape,
): Promise<Measured & { cpu: CpuPerUnit[] }> {
  const connections = shape.connections ?? 10;
  const window = shape.window ?? 10;
  const seconds = shape.seconds ?? 1.5;
  const notes: string[] = [];
  // Warm-up (JIT, warm function environments), also used to size the runs by count, so that
  // no run ends by the clock with requests in flight.
  const warm = await runLoad({ url, route, connections, window, messages: 100_000, durationSeconds: 1 });
  const rate = Math.max(100, warm.roundTrip?.perSecond ?? 0);
  const messages = Math.max(window, Math.round((rate * seconds) / connections));
  const values: number[] = [];
  const cpu: CpuPerUnit[] = [];
  for (let run = 0; run < shape.runs; run++) {
    const counting = shape.pid === undefined ? undefined : cpuWindow(shape.pid);
    const summary = await runLoad({
      url,
      route,
      connections,
      window,
      messages,
      durationSeconds: seconds * 4 + 5,
    });
    const rt = summary.roundTrip!;
    if (counting) cpu.push(counting.end(rt.received));
    noteLosses(notes, 'round trips', rt.lost, rt.rejected);
    values.push(rt.perSecond);
  }
  return { values, notes: [...new Set(notes)], cpu };
}

/** One connection, one request at a time: p50 and p99 round trip per run. */
export async function measureUnloadedLatency(
  url: string,
  route: string,
  { runs, messages = 1000 }: { runs: number; messages?: number },
): Promise<{ p50: Measured; p99: Measured }> {
  const notes: string[] = [];
  await runLoad({ url, route, connections: 1, messages: 200, durationSeconds: 10 });
  const p50: number[] = [];
  const p99: number[] = [];
  for (let run = 0; run < runs; run++) {
    const rt = (await runLoad({ url, route, connections: 1, messages, durationSeconds: 30 })).roundTrip!;
    noteLosses(notes, 'round trips', rt.lost, rt.rejected);
    p50.push(rt.latencyMs.p50);
    p99.push(rt.latencyMs.p99);
  }
  return { p50: { values: p50, notes }, p99: { values: p99, notes } };
}

/**
 * Broadcast to a room of `size` members (the sender included): time until every other member
 * has each message. Each round is one run; the first round is a warm-up.
 */
export async function measureBroadcast(url: string, size: number, rounds: number): Promise<Measured> {
  const summary = await runLoad({
    url,
    connections: size,
    messages: rounds + 1,
    broadcast: true,
    room: `bench-${size}-${randomBytes(3).toString('hex')}`,
    timeoutMs: 15_000,
    connectConcurrency: 50,
    durationSeconds: 120,
  });
  const bc = summary.broadcast!;
  const notes: string[] = [];
  if (summary.connect.failed) notes.push(`${summary.connect.failed} connections failed`);
  if (bc.joinFailures) notes.push(`${bc.joinFailures} joins failed`);
  noteLosses(notes, 'deliveries', bc.lost);
  if (bc.errorFrames) notes.push(`${bc.errorFrames} error frames, e.g. ${bc.errorSamples[0]}`);
  return { values: bc.roundTimesMs.slice(1), notes };
}

/** Opens `count` connections and passes them to `hold` while they are open. */
export async function withOpenConnections<T>(
  url: string,
  count: number,
  hold: (report: { opened: number; perSecond: number; errors: Record<string, number> }) => Promise<T>,
  concurrency = 100,
): Promise<T> {
  const { connections, report } = await openConnections({
    url,
    count,
    concurrency,
    handshakeTimeoutMs: 15_000,
    deadline: performance.now() + 120_000,
  });
  try {
    return await hold(report);
  } finally {
    await closeConnections(connections);
  }
}
