/**
 * Errors of the handlers package. `clientSafe` marks an error whose message may reach a client
 * (in an `error` event or `jobFailed`); every other error is logged and answered generically.
 */
import type { ErrorCode } from '@switchboard/protocol';

/** Base class of every error this package throws. */
export class HandlersError extends Error {
  override name = 'HandlersError';
  /** Whether `message` may be shown to a client. */
  readonly clientSafe: boolean;
  constructor(message: string, options?: { cause?: unknown; clientSafe?: boolean }) {
    super(message, options);
    this.clientSafe = options?.clientSafe ?? false;
  }
}

/** An environment variable is missing or malformed; thrown once, at cold start. */
export class ConfigError extends HandlersError {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/**
 * The authorizer refuses the caller. API Gateway turns the exact message `Unauthorized` thrown
 * by an authorizer into a 401, so that is the message.
 */
export class UnauthorizedError extends HandlersError {
  override name = 'UnauthorizedError';
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('Unauthorized', options);
  }
}

/** A job's input cannot be worked on; retrying will not help, and the client may see why. */
export class JobInputError extends HandlersError {
  override name = 'JobInputError';
  constructor(message: string) {
    super(message, { clientSafe: true });
  }
}

/** A workflow task got an input that does not match what the state machine passes. */
export class WorkflowInputError extends HandlersError {
  override name = 'WorkflowInputError';
}

/**
 * A fan-out slice ended with members still throttled after every retry: the task fails so that
 * Step Functions runs the slice again.
 */
export class SliceIncompleteError extends HandlersError {
  override name = 'SliceIncompleteError';
}

/** `StartExecution` failed; the job is marked failed and the client told. */
export class WorkflowStartError extends HandlersError {
  override name = 'WorkflowStartError';
}

/**
 * A request the protocol can answer with an `error` event: the code and message reach the
 * client, with the request's `requestId`.
 */
export class RouteError extends HandlersError {
  override name = 'RouteError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, { ...options, clientSafe: true });
  }
}
