/**
 * What a client may learn about a failed job: a protocol error code and a safe message, from the
 * error Step Functions caught. Only errors marked safe carry their own message; the rest (stack
 * traces, SDK messages) stay in the logs.
 */
import type { JobError } from '@switchboard/protocol';
import type { CaughtError } from '../workflow/types.js';

export function describeJobFailure(caught: CaughtError): JobError {
  if (caught.Error === 'States.Timeout') return { code: 'timeout', message: 'The job took too long' };
  if (caught.Error === 'JobInputError') {
    return {
      code: 'invalid_payload',
      message: lambdaErrorMessage(caught.Cause) ?? 'The job input is invalid',
    };
  }
  return { code: 'internal_error', message: 'The job failed' };
}

/** `Cause` of a Lambda task error is JSON: `{"errorType","errorMessage","trace"}`. */
function lambdaErrorMessage(cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  try {
    const parsed: unknown = JSON.parse(cause);
    const message = (parsed as { errorMessage?: unknown }).errorMessage;
    return typeof message === 'string' ? message.slice(0, 1024) : undefined;
  } catch {
    return undefined;
  }
}
