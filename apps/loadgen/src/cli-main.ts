import { parseLoadArgs, usage } from './args.js';
import { LoadgenError, UsageError } from './errors.js';
import { costOfRun, costUrlOf, fetchCost, formatCost } from './cost.js';
import { formatProgress, formatSummary } from './format.js';
import { runLoad } from './run-load.js';

/** Where the CLI writes; `process.stdout`/`process.stderr` in real use. */
export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/**
 * `switchboard-load` without the process: returns the exit code. 0 when nothing was lost;
 * 1 on lost or rejected messages or failed connections; 2 on bad flags or an unreachable URL.
 * Live progress goes to stderr when it is a terminal; the summary (text or `--json`) to stdout.
 */
export async function runCli(argv: string[], io: CliStreams): Promise<number> {
  let command: ReturnType<typeof parseLoadArgs>;
  try {
    command = parseLoadArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`switchboard-load: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (command.help) {
    io.stdout.write(usage);
    return 0;
  }
  const live = io.stderr.isTTY === true;
  try {
    const costUrl = command.cost ? costUrlOf(command.options.url, command.cost.region) : undefined;
    // Read before the run too: the gateway's counters cover its whole life, the run is the difference.
    const before = costUrl ? await fetchCost(costUrl) : undefined;
    const startedAt = performance.now();
    const summary = await runLoad(command.options, {
      onProgress: live ? (p) => io.stderr.write(`\r\x1b[2K${formatProgress(p)}`) : undefined,
    });
    if (live) io.stderr.write('\n');
    const cost =
      costUrl && before
        ? costOfRun(before, await fetchCost(costUrl), (performance.now() - startedAt) / 1000)
        : undefined;
    io.stdout.write(
      command.json
        ? `${JSON.stringify(cost ? { ...summary, cost } : summary, null, 2)}\n`
        : `${formatSummary(summary)}\n${cost ? `${formatCost(cost)}\n` : ''}`,
    );
    const lost =
      (summary.roundTrip?.lost ?? 0) + (summary.roundTrip?.rejected ?? 0) + (summary.broadcast?.lost ?? 0);
    return lost > 0 || summary.connect.failed > 0 ? 1 : 0;
  } catch (error) {
    if (live) io.stderr.write('\n');
    if (!(error instanceof LoadgenError)) throw error;
    io.stderr.write(`switchboard-load: ${error.message}\n`);
    return 2;
  }
}
