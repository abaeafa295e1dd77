/**
 * What every workflow task does with the job: load it from the execution input and move it to
 * its next status, treating a retried step as the same step.
 */
import {
  type ConnectionStore,
  InvalidJobTransitionError,
  type Job,
  type JobStatus,
} from '@switchboard/connection-store';
import { WorkflowInputError } from '../errors.js';
import type { NotifyExecutionInput } from '../workflow/types.js';

export type JobStore = Pick<
  ConnectionStore,
  'getJob' | 'transitionJob' | 'connectionsOfUser' | 'markJobNotified'
>;

/** The job an execution is about; bad input is a `WorkflowInputError` (not retried). */
export async function loadJob(store: JobStore, input: NotifyExecutionInput): Promise<Job> {
  if (typeof input?.jobId !== 'string')
    throw new WorkflowInputError('expected an input with a "jobId" string');
  const job = await store.getJob(input.jobId);
  if (!job) throw new WorkflowInputError(`job ${input.jobId} does not exist`);
  return job;
}

/** Moves the job to `to`. A retried step finds the job already moved: the same step again, not a conflict. */
export async function moveJob(
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
