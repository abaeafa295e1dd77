import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServerProcess, type ServerProcess } from './child.js';
import { type Figure, completeFigure, type Target } from './figures.js';
import type { Measured } from './measures.js';
import { type RunStats, summarizeRuns } from './stats.js';

/** What every part of the suite shares. */
export interface BenchContext {
  /** Runs per figure (rounds for broadcast, jobs for the job round trip). */
  runs: number;
  /** Write a V8 CPU profile of each server process here. */
  cpuProfDir: string | undefined;
  figures: Figure[];
  /** Ceiling stats by figure id, measured first in the same bench run. */
  ceiling: Map<string, RunStats>;
  log: (line: string) => void;
}

/** Adds a measured figure, with its ceiling and target when given. */
export function addFigure(
  ctx: BenchContext,
  figure: Omit<Figure, 'stats'>,
  measured: Measured,
  options: { ceilingId?: string; target?: Target } = {},
): void {
  const entry: Figure = { ...figure };
  if (measured.values.length === 0) {
    entry.notAvailable = measured.notes[0] ?? 'no run completed';
  } else {
    entry.stats = summarizeRuns(measured.values);
    const ceiling = options.ceilingId ? ctx.ceiling.get(options.ceilingId) : undefined;
    if (ceiling) entry.ceiling = ceiling;
    if (measured.notes.length) entry.notes = measured.notes;
  }
  ctx.figures.push(completeFigure(entry, options.target));
  const f = ctx.figures.at(-1)!;
  ctx.log(
    f.notAvailable
      ? `  ${f.label}: not available: ${f.notAvailable}`
      : `  ${f.label}: median ${f.stats?.median} ${f.unit}${f.ratio === undefined ? '' : ` (${f.ratio}x ceiling)`}`,
  );
}

/** Marks figures as not measurable, with the reason. */
export function addUnavailable(ctx: BenchContext, figures: Omit<Figure, 'stats'>[], reason: string): void {
  for (const figure of figures) ctx.figures.push({ ...figure, notAvailable: reason });
  ctx.log(`  not available (${figures.length} figures): ${reason}`);
}

/** Why the local gateway cannot be started, or undefined when it can. */
export function gatewayUnavailable(): string | undefined {
  try {
    const path = fileURLToPath(import.meta.resolve('@switchboard/local-gateway'));
    return existsSync(path) ? undefined : `the local gateway is not built (${path} is missing)`;
  } catch (error) {
    return `@switchboard/local-gateway cannot be resolved: ${(error as Error).message}`;
  }
}

/** Starts a gateway child for a manifest, with a CPU profile when asked. */
export function startGatewayProcess(ctx: BenchContext, manifest: string): Promise<ServerProcess> {
  return startServerProcess({
    entry: 'gateway',
    args: [manifest],
    nodeArgs: ctx.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', ctx.cpuProfDir] : [],
  });
}

/** Runs `work` while sampling the server's RSS every 100 ms; returns the work and the peak. */
export async function withRssPeak<T>(server: ServerProcess, work: () => Promise<T>): Promise<[T, number]> {
  let peak = server.rssMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, server.rssMb());
  }, 100);
  try {
    const result = await work();
    return [result, Math.max(peak, server.rssMb())];
  } finally {
    clearInterval(sampler);
  }
}
