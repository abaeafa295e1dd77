/**
 * Workflow task `DoWork`: runs the job, reporting `jobProgress` to the owner's connections, and
 * returns its result for `Notify`.
 */
import type { Job } from '@switchboard/connection-store';
import { encodeServerMessage, type JobInput, type ServerMessage } from '@switchboard/protocol';
import type { Notifier } from '../adapters/notifier.js';
import type { JobConfig } from '../config.js';
import { planWork, runJob } from '../core/job-work.js';
import { JobInputError } from '../errors.js';
import type { DoWorkOutput, NotifyExecutionInput } from '../workflow/types.js';
import { type JobStore, loadJob, moveJob } from './job-steps.js';

export interface DoWorkDeps {
  store: JobStore;
  notifier: Notifier;
  job: JobConfig;
  sleep: (ms: number) => Promise<void>;
}

export const doWork =
  (deps: DoWorkDeps) =>
  async (input: NotifyExecutionInput): Promise<DoWorkOutput> => {
    const job = await loadJob(deps.store, input);
    await moveJob(deps.store, job.jobId, 'running');
    const jobInput = job.input as JobInput | undefined;
    if (typeof jobInput?.text !== 'string') throw new JobInputError('The job has no input text');
    const plan = planWork(jobInput, deps.job.defaultDurationMs, deps.job.progressSteps);
    const result = await runJob(
      jobInput,
      plan,
      async (percent) => {
        // Progress is best effort: a lost jobProgress must not fail the job.
        if (percent < 100) await postToOwner(deps, job, { type: 'jobProgress', jobId: job.jobId, percent });
      },
      deps.sleep,
    );
    return { result };
  };

async function postToOwner(deps: DoWorkDeps, job: Job, message: ServerMessage): Promise<void> {
  const connections = await deps.store.connectionsOfUser(job.ownerUserId);
  await deps.notifier.postToMany(
    connections.map((c) => c.connectionId),
    encodeServerMessage(message),
  );
}
