import type { StoreProbe } from './store-probe.js';

/** Statuses of jobs as sampled from the table, each job's in the order first seen. */
export interface JobStatusWatch {
  /** Stops sampling after one last sample; resolves with `jobId -> statuses`. */
  stop(): Promise<Map<string, string[]>>;
}

/**
 * Samples the status of `jobIds` every `intervalMs` (a Scan through the probe, past any fault
 * proxy), keeping each change. A status that went backwards between two samples shows as a
 * later status followed by an earlier one.
 * @example
 * const watch = watchJobStatuses(probe, [jobId]);
 * ...
 * const seen = await watch.stop(); // Map { jobId => ['accepted', 'running', 'completed'] }
 */
export function watchJobStatuses(
  probe: StoreProbe,
  jobIds: readonly string[],
  intervalMs = 25,
): JobStatusWatch {
  const seen = new Map<string, string[]>(jobIds.map((id) => [id, []]));
  let watching = true;
  const sample = async () => {
    const { jobs } = await probe.counts();
    for (const id of jobIds) {
      const status = String(jobs.get(id)?.status ?? 'missing');
      const statuses = seen.get(id)!;
      if (statuses.at(-1) !== status) statuses.push(status);
    }
  };
  const loop = (async () => {
    while (watching) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    await sample();
  })();
  return {
    async stop() {
      watching = false;
      await loop;
      return seen;
    },
  };
}
