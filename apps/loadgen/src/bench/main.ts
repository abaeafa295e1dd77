// `pnpm bench`: the whole suite in one run on 127.0.0.1. The load client runs in this process;
// the bare server and each gateway run in their own child process (fair RSS and CPU figures).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchContext, gatewayUnavailable } from './context.js';
import { formatTable } from './figures.js';
import { runCeiling } from './suite-ceiling.js';
import { runDevLoop } from './suite-dev-loop.js';
import { runEcho } from './suite-echo.js';
import { runFanOut, runPostCost } from './suite-fan-out.js';
import { runReference } from './suite-reference.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: resolve(packageDir, 'bench-results/latest.json') },
    'cpu-prof': { type: 'boolean', default: false },
    /** Comma-separated parts: ceiling, echo, reference, devloop, fanout (postcost: its CPU-per-post A/B alone). Skipped parts' figures have no ratio. */
    only: { type: 'string', default: 'ceiling,echo,reference,devloop,fanout' },
  },
});
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  process.stderr.write(`bench: --runs: expected an integer 1..50, got "${flags.runs}"\n`);
  process.exit(2);
}

const started = Date.now();
const ctx: BenchContext = {
  runs,
  cpuProfDir: flags['cpu-prof'] ? resolve(packageDir, 'bench-results/profiles') : undefined,
  figures: [],
  ceiling: new Map(),
  log: (line) => process.stderr.write(`${line}\n`),
};
// The whole suite must end: a hung scenario is a failure, not a wait.
const hardStop = setTimeout(() => {
  process.stderr.write('bench: still running after 30 minutes; giving up\n');
  process.exit(1);
}, 1_800_000);
hardStop.unref();

const parts = new Set(flags.only.split(','));
const unavailable = gatewayUnavailable();
if (parts.has('ceiling')) await runCeiling(ctx);
if (parts.has('echo')) await runEcho(ctx, unavailable);
if (parts.has('reference')) await runReference(ctx, unavailable);
if (parts.has('devloop')) await runDevLoop(ctx, unavailable);
// fanout: CPU per post (SDK client against the signer), then big rooms; postcost: the first alone.
if (parts.has('fanout') || parts.has('postcost')) await runPostCost(ctx, unavailable);
if (parts.has('fanout')) await runFanOut(ctx, unavailable);

const results = {
  generatedAt: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemMb: Math.round(totalmem() / 2 ** 20) },
  node: process.version,
  method: {
    runsPerFigure: runs,
    client: 'switchboard-load (this process)',
    servers: 'each in its own child process: the bare ws server, then a gateway per manifest',
    broadcastRuns: 'each broadcast round is one run; the first round is a warm-up',
  },
  figures: ctx.figures,
};
mkdirSync(dirname(flags.out), { recursive: true });
writeFileSync(flags.out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(
  `\n${formatTable(ctx.figures)}\n\nwritten to ${flags.out} in ${results.durationSeconds} s\n`,
);
