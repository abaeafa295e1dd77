/**
 * What flows between the notify workflow's states. The builder (`notify-workflow.ts`) and the
 * task functions (`routes/jobs.ts`) both read these, so a renamed path fails typecheck.
 */
import type { JobResult } from '@switchboard/protocol';

/** The execution input `submitJob` starts the state machine with. */
export interface NotifyExecutionInput {
  jobId: string;
}

/** What `doWork` returns; the state machine stores it at `$.work`. */
export interface DoWorkOutput {
  result: JobResult;
}

/** What `getConnections` returns; the state machine stores it at `$.recipients`. */
export interface GetConnectionsOutput {
  connectionIds: string[];
}

/** A caught task error as Step Functions hands it on (`ResultPath: $.error`). */
export interface CaughtError {
  Error: string;
  /** For Lambda tasks, a JSON string `{"errorType","errorMessage","trace"}`. */
  Cause?: string;
}

/** What `notify` receives: the job, and either the work or the error that stopped it. */
export interface NotifyInput extends NotifyExecutionInput {
  work?: DoWorkOutput;
  error?: CaughtError;
  recipients: GetConnectionsOutput;
}

/** What `notify` returns (the execution's output). */
export interface NotifyOutput {
  jobId: string;
  status: 'completed' | 'failed';
  delivered: number;
  gone: number;
  failed: number;
  /** A repeated Notify: the owner was told before, nothing was posted. */
  alreadyNotified?: true;
}
