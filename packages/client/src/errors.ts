/**
 * Errors the client throws or rejects with. Every one has a `code` and a `retryable` flag;
 * server-reported failures carry the protocol's error code.
 */
import { type ClientAction, type ErrorCode, errorCodes, type ParseFailure } from '@switchboard/protocol';

/** Failures of the client itself, next to the protocol's codes. */
export const clientErrorCodes = {
  queue_overflow: { retryable: true, description: 'The outgoing queue is full while disconnected.' },
  connection_lost: { retryable: true, description: 'The connection closed before the reply arrived.' },
  client_closed: { retryable: false, description: 'close() was called.' },
} as const satisfies Record<string, { retryable: boolean; description: string }>;

export type ClientErrorCode = ErrorCode | keyof typeof clientErrorCodes;

/** Base class of every client error. */
export class SwitchboardClientError extends Error {
  override readonly name: string = 'SwitchboardClientError';
  readonly code: ClientErrorCode;
  readonly retryable: boolean;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retryable =
      code in clientErrorCodes
        ? clientErrorCodes[code as keyof typeof clientErrorCodes].retryable
        : errorCodes[code as ErrorCode].retryable;
  }
}

/** No reply with the request's requestId arrived within `timeoutMs`. */
export class RequestTimeoutError extends SwitchboardClientError {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly action: ClientAction,
    readonly requestId: string,
    readonly timeoutMs: number,
  ) {
    super('timeout', `No reply to ${action} (requestId ${requestId}) within ${timeoutMs} ms`);
  }
}

/** The server answered the request with an `error` message. */
export class ServerError extends SwitchboardClientError {
  override readonly name = 'ServerError';
  constructor(
    code: ErrorCode,
    message: string,
    readonly action: ClientAction,
    readonly requestId: string,
  ) {
    super(code, message);
  }
}

/** The message would not pass the protocol's schema; it was not sent. */
export class InvalidMessageError extends SwitchboardClientError {
  override readonly name = 'InvalidMessageError';
  readonly path: string | undefined;
  constructor(failure: ParseFailure) {
    super(failure.code, failure.message);
    this.path = failure.path;
  }
}

/** The client is disconnected and its outgoing queue is full; the message was not queued. */
export class QueueOverflowError extends SwitchboardClientError {
  override readonly name = 'QueueOverflowError';
  constructor(readonly maxQueueLength: number) {
    super('queue_overflow', `Outgoing queue is full (${maxQueueLength} messages) while reconnecting`);
  }
}

/** The request was sent, but the connection closed before its reply came. */
export class ConnectionLostError extends SwitchboardClientError {
  override readonly name = 'ConnectionLostError';
  constructor(detail: string) {
    super('connection_lost', `Connection lost before the reply: ${detail}`);
  }
}

/** `close()` was called; nothing more is sent or received. */
export class ClientClosedError extends SwitchboardClientError {
  override readonly name = 'ClientClosedError';
  constructor() {
    super('client_closed', 'The client is closed');
  }
}
