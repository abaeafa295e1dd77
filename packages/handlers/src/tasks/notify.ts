/** Workflow task `Notify`: `jobCompleted` or `jobFailed` to the recipients, once per job. */
import { encodeServerMessage, type ServerMessage } from '@switchboard/protocol';
import type { DeliveryReport, Notifier } from '../adapters/notifier.js';
import { describeJobFailure } from '../core/job-failure.js';
import { WorkflowInputError } from '../errors.js';
import type { NotifyInput, NotifyOutput } from '../workflow/types.js';
import { type JobStore, loadJob, moveJob } from './job-steps.js';

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
