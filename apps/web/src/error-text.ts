// What the page says about a failed request, next to the form that sent it.
import {
  ConnectionLostError,
  InvalidMessageError,
  QueueOverflowError,
  RequestTimeoutError,
  ServerError,
} from '@switchboard/client';

/**
 * A sentence for the user about why a request failed, with the server's error code when there is
 * one (`Join "x" before sending to it (not_in_room)`).
 */
export function describeError(error: unknown): string {
  if (error instanceof ServerError) return `${error.message} (${error.code})`;
  if (error instanceof RequestTimeoutError)
    return `No answer from the server within ${error.timeoutMs / 1000} s.`;
  if (error instanceof ConnectionLostError)
    return 'The connection dropped before the answer came; try again.';
  if (error instanceof QueueOverflowError)
    return 'Too many messages are waiting for the connection; try later.';
  if (error instanceof InvalidMessageError) return `Not sent: ${error.message}`;
  return `Failed: ${error instanceof Error ? error.message : String(error)}`;
}
