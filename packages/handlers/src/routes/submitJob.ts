/**
 * `submitJob`: records the job, tells the caller `jobAccepted`, then starts the notify workflow.
 * `jobAccepted` is posted before the execution starts so that it reaches the client before the
 * first `jobProgress` (replies are not ordered otherwise).
 */
import { type ConnectionStore, JobExistsError } from '@switchboard/connection-store';
import type { ClientMessageOf } from '@switchboard/protocol';
import type { NotifyExecutionInput } from '../workflow/types.js';
import { withRequestId } from './with-request-id.js';
import type { MessageRoute } from './types.js';

export interface SubmitJobDeps {
  store: Pick<ConnectionStore, 'createJob' | 'getJob' | 'transitionJob'>;
  /** Starts the notify state machine; resolves with the execution ARN. */
  startWorkflow: (input: NotifyExecutionInput, executionName: string) => Promise<string>;
  newJobId: () => string;
}

export const submitJob =
  (deps: SubmitJobDeps): MessageRoute<ClientMessageOf<'submitJob'>> =>
  async (ctx) => {
    const { message } = ctx;
    const jobId = deps.newJobId();
    try {
      await deps.store.createJob({
        jobId,
        ownerUserId: ctx.userId,
        connectionId: ctx.connectionId,
        input: message.input,
      });
    } catch (error) {
      // The id is new to this call, so a job already under it is this call's own write: applied
      // by an attempt whose answer was lost (a 500 or a timeout), then met by the SDK's retry.
      if (!(error instanceof JobExistsError)) throw error;
      const existing = await deps.store.getJob(jobId);
      if (existing?.connectionId !== ctx.connectionId || existing.ownerUserId !== ctx.userId) throw error;
    }
    await ctx.post(withRequestId({ type: 'jobAccepted' as const, jobId }, message.requestId));
    try {
      // The job id as execution name: a repeated start of the same job is refused by Step Functions.
      await deps.startWorkflow({ jobId }, jobId);
    } catch (error) {
      await deps.store.transitionJob(jobId, 'failed', { error: 'The job could not be started' });
      return {
        outcome: 'rejected',
        reply: withRequestId(
          {
            type: 'jobFailed' as const,
            jobId,
            error: { code: 'unavailable' as const, message: 'The job could not be started; try again' },
          },
          message.requestId,
        ),
        cause: error,
      };
    }
    return {};
  };
