// (9) Broadcast to big rooms (issue 18): 1,000 and 10,000 members, the direct path (`send` posts
// every member) and the fan-out path (the fanOut workflow, one task per shard), with no
// latency and under AWS-like conditions (25 ms per @connections request, 10,000 a second), the
// gateway's RSS with 10,000 connections open, and where the time goes (CPU per post by thread).
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { runLoad } from '../run-load.js';
import { waitForIdle } from './child.js';
import { addFigure, addUnavailable, type BenchContext } from './context.js';
import { addCpuFigures } from './cpu-figures.js';
import type { Figure } from './figures.js';
import type { Measured } from './measures.js';
import { startServerProcess } from './child.js';
import { referenceManifest } from './suite-reference.js';
import { type CpuPerUnit, cpuWindow, totalOf } from './thread-cpu.js';
import { withOpenConnections } from './measures.js';
import { measurePostCost } from './post-cost.js';
import type { GatewaySetup } from './processes/gateway.js';

const scenario = '9 broadcast to big rooms (fan-out)';
export const fanOutSizes = [1000, 10_000] as const;
const conditions = [
  { id: 'plain', label: 'latency 0', latencyMs: 0, rateLimit: 0 },
  { id: 'aws', label: '25 ms, 10,000/s', latencyMs: 25, rateLimit: 10_000 },
] as const;
const paths = [
  { id: 'direct', threshold: 0 },
  { id: 'fanout', threshold: 1 },
] as const;
type Condition = (typeof conditions)[number];
type Path = (typeof paths)[number];

const figureOf = (path: Path, condition: Condition, size: number): Omit<Figure, 'stats'> => ({
  id: `bigroom.${path.id}.${condition.id}.${size}`,
  scenario,
  label: `${path.id === 'direct' ? 'direct' : 'fan-out'} to ${size}, ${condition.label}: time to all`,
  unit: 'ms',
});
const rss10k = { id: 'bigroom.rss.10000', scenario, label: 'gateway RSS with 10,000 conns open', unit: 'MB' };

/**
 * The reference app under one condition: `FANOUT_THRESHOLD` picks the path (0 posts every room
 * from `send`, 1 fans every room out), the @connections latency and account throttle are the
 * condition's.
 */
function fanOutSetup(condition: Condition, threshold: number): GatewaySetup {
  // Under a limit, one broadcast keeps 10% of it for everything else (as FANOUT_RATE_PER_SECOND
  // would on AWS); without one, no pacing to speak of.
  const broadcastRate = String(condition.rateLimit > 0 ? Math.floor(condition.rateLimit * 0.9) : 1_000_000);
  const pacing = { FANOUT_RATE_PER_SECOND: broadcastRate, FANOUT_WORKER_CONCURRENCY: '64' };
  return {
    environment: { rooms: { ...pacing, FANOUT_THRESHOLD: String(threshold) }, fanOut: pacing },
    options: {
      connectionsLatencyMs: condition.latencyMs,
      connectionsRateLimit: condition.rateLimit,
      // As Lambda runs a Map's slices at once: an environment per shard (8), not one per core.
      runtime: { maxEnvironmentsPerFunction: 8 },
    },
  };
}

/** The 10,000-member line the issue sets a target for: fan-out at 25 ms and 10,000/s. */
const target = { on: 'value', op: '<=', limit: 1500 } as const;

export async function runFanOut(ctx: BenchContext, unavailable: string | undefined): Promise<void> {
  ctx.log('(9) broadcast to big rooms: direct and fan-out, with and without AWS-like conditions');
  const manifest = referenceManifest();
  const all = conditions.flatMap((c) => paths.flatMap((p) => fanOutSizes.map((s) => figureOf(p, c, s))));
  const why = unavailable ?? ('unavailable' in manifest ? manifest.unavailable : undefined);
  if (why || !('path' in manifest)) return addUnavailable(ctx, [...all, rss10k], why ?? 'no manifest');
  let rssMeasured = false;
  for (const condition of conditions) {
    for (const path of paths) {
      const args = [manifest.path, JSON.stringify(fanOutSetup(condition, path.threshold))];
      const server = await startServerProcess({ entry: 'gateway', args });
      try {
        await waitForIdle(server);
        if (!rssMeasured) {
          await withOpenConnections(server.webSocketUrl, 10_000, async (report) => {
            await waitForIdle(server);
            const failed = Object.entries(report.errors).map(([reason, n]) => `${n} x ${reason}`);
            addFigure(ctx, rss10k, { values: [server.rssMb()], notes: [`${report.opened} open`, ...failed] });
          });
          rssMeasured = true;
          await waitForIdle(server, { maxMs: 60_000 });
        }
        for (const size of fanOutSizes) {
          const cpu: CpuPerUnit[] = [];
          const measured = await measureBigRoom(
            server.webSocketUrl,
            size,
            roundsFor(ctx, size, condition, path),
            () => cpuWindow(server.pid),
            cpu,
          );
          addFigure(ctx, figureOf(path, condition, size), measured, {
            ...(size === 10_000 && path.id === 'fanout' && condition.id === 'aws' ? { target } : {}),
          });
          if (size === 10_000 && path.id === 'fanout' && condition.id === 'aws')
            addBound(ctx, cpu, size, condition);
          if (size === 10_000) {
            addCpuFigures(ctx, cpu, {
              scenario,
              idPrefix: `bigroom.${path.id}.${condition.id}`,
              unit: `post (${path.id === 'direct' ? 'direct' : 'fan-out'}, ${condition.label})`,
              groups: ['main', 'functions', 'dynalite', 'v8'],
            });
          }
          // Closing runs $disconnect (and its membership removals) for every member.
          await waitForIdle(server, { maxMs: 90_000 });
        }
      } finally {
        await server.stop();
      }
    }
  }
}

/**
 * What the 10,000-member line can be at best here: the CPU of every post (server and load
 * client, which share the machine's cores), the gateway's rate limit after its burst, and the
 * latency with the slices' posts in flight. The largest is the bound.
 */
function addBound(ctx: BenchContext, cpu: CpuPerUnit[], size: number, condition: Condition): void {
  const run = cpu.at(-1);
  if (!run) return;
  const cores = availableParallelism();
  const cpuMs = (size * (totalOf(run.server) + run.client)) / 1000 / cores;
  const rateMs = condition.rateLimit
    ? (Math.max(0, size - condition.rateLimit / 2) / condition.rateLimit) * 1000
    : 0;
  // 8 slices x FANOUT_WORKER_CONCURRENCY (64, fanOutSetup) posts in flight.
  const latencyMs = (size / (8 * 64)) * condition.latencyMs;
  addFigure(
    ctx,
    {
      id: 'bigroom.fanout.aws.10000.bound',
      scenario,
      label: '  bound of that line: CPU of all posts / cores',
      unit: 'ms',
    },
    {
      values: [Math.round(cpuMs)],
      notes: [
        `CPU ${Math.round(cpuMs)} ms (${cores} cores, ${Math.round(totalOf(run.server) + run.client)} µs a post, load client included), rate limit ${Math.round(rateMs)} ms, latency ${Math.round(latencyMs)} ms`,
      ],
    },
  );
}

/** Rounds measured (after one warm-up): fewer where one round takes many seconds. */
function roundsFor(ctx: BenchContext, size: number, condition: Condition, path: Path): number {
  if (size < 10_000) return Math.max(3, ctx.runs);
  // Direct to 10,000 at 25 ms is ~16 s a round (16 posts in flight): one round says it.
  return path.id === 'direct' && condition.latencyMs > 0 ? 1 : Math.min(3, ctx.runs);
}

/**
 * One room of `size` members: time until every other member has each message, rounds after a
 * warm-up, and the server's CPU per delivery over the measured rounds.
 */
async function measureBigRoom(
  url: string,
  size: number,
  rounds: number,
  startCpu: () => { end(units: number): CpuPerUnit },
  cpu: CpuPerUnit[],
): Promise<Measured> {
  // Two windows: from the warm-up round's end (the figure), and from the first round sent (a
  // fallback when the run ends before a progress tick sees the second round).
  const windows: Array<{ cpu: ReturnType<typeof startCpu>; deliveries: number }> = [];
  const summary = await runLoad(
    {
      url,
      connections: size,
      messages: rounds + 1,
      broadcast: true,
      room: `big-${size}-${randomBytes(3).toString('hex')}`,
      timeoutMs: 60_000,
      connectConcurrency: 100,
      durationSeconds: 400,
    },
    {
      // Each window opens at the first progress tick (every 250 ms) after its round was sent.
      onProgress: (progress) => {
        if (progress.phase !== 'broadcast') return;
        if (windows.length < progress.sent && windows.length < 2) {
          windows.push({ cpu: startCpu(), deliveries: progress.received });
        }
      },
    },
  );
  const bc = summary.broadcast!;
  const window = windows.at(-1);
  if (window) cpu.push(window.cpu.end(bc.deliveries - window.deliveries));
  const notes: string[] = [];
  if (summary.connect.failed) notes.push(`${summary.connect.failed} connections failed`);
  if (bc.joinFailures) notes.push(`${bc.joinFailures} joins failed`);
  notes.push(`${bc.lost} members lost`);
  if (windows.length === 1) notes.push('CPU per post counted from the first round (warm-up included)');
  if (bc.errorFrames) notes.push(`${bc.errorFrames} error frames, e.g. ${bc.errorSamples[0]}`);
  return { values: bc.roundTimesMs.slice(1), notes };
}

/** (9) CPU per post, SDK client against the signer, with the gateway's main thread alongside. */
export async function runPostCost(ctx: BenchContext, unavailable: string | undefined): Promise<void> {
  ctx.log('(9) CPU per post: the SDK client against the SDK signer over a keep-alive agent');
  const manifest = referenceManifest();
  const why = unavailable ?? ('unavailable' in manifest ? manifest.unavailable : undefined);
  if (why || !('path' in manifest)) return ctx.log(`  not available: ${why ?? 'no manifest'}`);
  const setup = JSON.stringify(fanOutSetup(conditions[0], 0));
  const server = await startServerProcess({ entry: 'gateway', args: [manifest.path, setup] });
  try {
    await waitForIdle(server);
    const costs = await measurePostCost(server, { rounds: Math.max(3, ctx.runs) });
    for (const variant of ['sdk', 'signer'] as const) {
      const runs = costs.filter((c) => c.variant === variant);
      const name = variant === 'sdk' ? 'SDK client' : 'SDK signer + keep-alive agent';
      addFigure(
        ctx,
        { id: `bigroom.post.${variant}`, scenario, label: `CPU per post in the poster, ${name}`, unit: 'µs' },
        { values: runs.map((r) => r.clientMicros), notes: [] },
      );
      addFigure(
        ctx,
        {
          id: `bigroom.post.${variant}.main`,
          scenario,
          label: `  gateway main thread per post (${variant})`,
          unit: 'µs',
        },
        { values: runs.map((r) => r.server.main), notes: [] },
      );
    }
  } finally {
    await server.stop();
  }
}
