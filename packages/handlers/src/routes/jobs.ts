/**
 * The notify workflow's tasks: `doWork` (the job, reporting `jobProgress`), `getConnections`
 * (the owner's live connections: the seed's GetConn) and `notify` (`jobCompleted` or
 * `jobFailed`). Each takes the state input Step Functions passes and returns its result.
 */
import {
  type ConnectionStore,
  InvalidJobTransitionError,
  type Job,
  type JobStatus,
} from '@switchboard/connection-store';
import { encodeServerMessage, type JobInput, type ServerMessage } from '@switchboard/protocol';
import type { DeliveryReport, Notifier } from '../adapters/notifier.js';
import type { JobConfig } from '../config.js';
import { describeJobFailure } from '../core/job-failure.js';
import { planWork, runJob } from '../core/job-work.js';
import { JobInputError, WorkflowInputError } from '../errors.js';
import type {
  DoWorkOutput,
  GetConnectionsOutput,
  NotifyExecutionInput,
  NotifyInput,
  NotifyOutput,
} from '../workflow/types.js';

type JobStore = Pick<ConnectionStore, 'getJob' | 'transitionJob' | 'connectionsOfUser' | 'markJobNotified'>;

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

export interface GetConnectionsDeps {
  store: JobStore;
}

export const getConnections =
  (deps: GetConnectionsDeps) =>
  async (input: NotifyExecutionInput): Promise<GetConnectionsOutput> => {
    const job = await loadJob(deps.store, input);
    const connections = await deps.store.connectionsOfUser(job.ownerUserId);
    return { connectionIds: connections.map((c) => c.connectionId) };
  };

export interface NotifyDeps {
  store: JobStore;
  notifier: Notifier;
}

/**
 * Posts the job's outcome to `recipients`, once per job: a repeated Notify (a Retry after a run
 * whose result was lost, a second execution) finds `notifiedAtMs` and posts nothing. The mark is
 * written after the posts, so a run that dies between the two is repeated in full (at least
 * once); a mark that cannot be written does not fail the step, which would post again.
 */
export const notify =
  (deps: NotifyDeps) =>
  async (input: NotifyInput): Promise<NotifyOutput & { report: DeliveryReport; recorded: boolean }> => {
    const job = await loadJob(deps.store, input);
    const connectionIds = input.recipients?.connectionIds;
    if (!Array.isArray(connectionIds))
      throw new WorkflowInputError('notify: missing recipients.connectionIds');
    if (job.notifiedAtMs !== undefined && (job.status === 'completed' || job.status === 'failed')) {
      const report: DeliveryReport = { delivered: 0, gone: [], failed: [] };
      return {
        jobId: job.jobId,
        status: job.status,
        delivered: 0,
        gone: 0,
        failed: 0,
        alreadyNotified: true,
        report,
        recorded: true,
      };
    }
    let message: ServerMessage;
    if (input.error || !input.work) {
      const error = input.error
        ? describeJobFailure(input.error)
        : { code: 'internal_error' as const, message: 'The job produced no result' };
      await moveJob(deps.store, job.jobId, 'failed', { error: error.message });
      message = { type: 'jobFailed', jobId: job.jobId, error };
    } else {
      await moveJob(deps.store, job.jobId, 'completed', { result: input.work.result });
      message = { type: 'jobCompleted', jobId: job.jobId, result: input.work.result };
    }
    const report = await deps.notifier.postToMany(connectionIds, encodeServerMessage(message));
    const recorded = await deps.store.markJobNotified(job.jobId).then(
      () => true,
      () => false,
    );
    return {
      jobId: job.jobId,
      status: message.type === 'jobCompleted' ? 'completed' : 'failed',
      delivered: report.delivered,
      gone: report.gone.length,
      failed: report.failed.length,
      report,
      recorded,
    };
  };

async function loadJob(store: JobStore, input: NotifyExecutionInput): Promise<Job> {
  if (typeof input?.jobId !== 'string')
    throw new WorkflowInputError('expected an input with a "jobId" string');
  const job = await store.getJob(input.jobId);
  if (!job) throw new WorkflowInputError(`job ${input.jobId} does not exist`);
  return job;
}

// A retried step finds the job already moved: that is the same step again, not a conflict.
async function moveJob(
  store: JobStore,
  jobId: string,
  to: JobStatus,
  details?: Parameters<JobStore['transitionJob']>[2],
): Promise<void> {
  try {
    await store.transitionJob(jobId, to, details);
  } catch (error) {
    if (error instanceof InvalidJobTransitionError && error.from === to) return;
    throw error;
  }
}

async function postToOwner(deps: DoWorkDeps, job: Job, message: ServerMessage): Promise<void> {
  const connections = await deps.store.connectionsOfUser(job.ownerUserId);
  await deps.notifier.postToMany(
    connections.map((c) => c.connectionId),
    encodeServerMessage(message),
  );
}
