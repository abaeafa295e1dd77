/**
 * Errors of the connection store. SDK errors are translated by type where the SDK is called
 * (`translateSdkError`), with the original as `cause`.
 */

/** Every error code of this package; `retryable` says whether trying again later may succeed. */
export const connectionStoreErrorCodes = {
  CONNECTION_NOT_FOUND: { retryable: false },
  CONNECTION_EXISTS: { retryable: false },
  JOB_NOT_FOUND: { retryable: false },
  JOB_EXISTS: { retryable: false },
  INVALID_JOB_TRANSITION: { retryable: false },
  SHARD_OUT_OF_RANGE: { retryable: false },
  THROTTLED: { retryable: true },
  UNPROCESSED_ITEMS: { retryable: true },
  STORE_FAILED: { retryable: false },
} as const;

export type ConnectionStoreErrorCode = keyof typeof connectionStoreErrorCodes;

/** Base class: every error this package throws is one of these. */
export class ConnectionStoreError extends Error {
  override name = 'ConnectionStoreError';
  readonly code: ConnectionStoreErrorCode;
  /** Trying the same operation again later may succeed. */
  readonly retryable: boolean;

  constructor(code: ConnectionStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retryable = connectionStoreErrorCodes[code].retryable;
  }
}

/** The connection has no live record (never put, deleted, or past its TTL). */
export class ConnectionNotFoundError extends ConnectionStoreError {
  override name = 'ConnectionNotFoundError';
  constructor(
    readonly connectionId: string,
    options?: { cause?: unknown },
  ) {
    super('CONNECTION_NOT_FOUND', `connection ${connectionId} not found`, options);
  }
}

/** `putConnection` refused to overwrite an existing record. */
export class ConnectionExistsError extends ConnectionStoreError {
  override name = 'ConnectionExistsError';
  constructor(
    readonly connectionId: string,
    options?: { cause?: unknown },
  ) {
    super('CONNECTION_EXISTS', `connection ${connectionId} already exists`, options);
  }
}

/** No job with this id. */
export class JobNotFoundError extends ConnectionStoreError {
  override name = 'JobNotFoundError';
  constructor(
    readonly jobId: string,
    options?: { cause?: unknown },
  ) {
    super('JOB_NOT_FOUND', `job ${jobId} not found`, options);
  }
}

/** `createJob` refused to overwrite an existing job. */
export class JobExistsError extends ConnectionStoreError {
  override name = 'JobExistsError';
  constructor(
    readonly jobId: string,
    options?: { cause?: unknown },
  ) {
    super('JOB_EXISTS', `job ${jobId} already exists`, options);
  }
}

/** A status change that would move a job sideways or backwards (a late or repeated step). */
export class InvalidJobTransitionError extends ConnectionStoreError {
  override name = 'InvalidJobTransitionError';
  constructor(
    readonly jobId: string,
    /** The status the job has now. */
    readonly from: string,
    readonly to: string,
    options?: { cause?: unknown },
  ) {
    super('INVALID_JOB_TRANSITION', `job ${jobId} cannot move from ${from} to ${to}`, options);
  }
}

/** `roomShardPages` was asked for a shard this store does not have (another `roomShards`?). */
export class ShardOutOfRangeError extends ConnectionStoreError {
  override name = 'ShardOutOfRangeError';
  constructor(
    readonly room: string,
    readonly shard: number,
    readonly shardCount: number,
  ) {
    super('SHARD_OUT_OF_RANGE', `room ${room} has shards 0 to ${shardCount - 1}, not ${shard}`);
  }
}

/** DynamoDB throttled the request (after the SDK's own retries). */
export class ConnectionStoreThrottledError extends ConnectionStoreError {
  override name = 'ConnectionStoreThrottledError';
  constructor(operation: string, options?: { cause?: unknown }) {
    super('THROTTLED', `${operation}: DynamoDB throttled the request`, options);
  }
}

/** `BatchWriteItem` still returned unprocessed items after every retry. */
export class UnprocessedItemsError extends ConnectionStoreError {
  override name = 'UnprocessedItemsError';
  constructor(
    operation: string,
    readonly unprocessedCount: number,
    attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      'UNPROCESSED_ITEMS',
      `${operation}: ${unprocessedCount} items still unprocessed after ${attempts} attempts`,
      options,
    );
  }
}

const throttlingErrorNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** An SDK error DynamoDB raises when it sheds load (by `name`, as SDK v3 sets it). */
export function isThrottlingError(error: unknown): boolean {
  return error instanceof Error && throttlingErrorNames.has(error.name);
}

/** A failed `ConditionExpression` (`ConditionalCheckFailedException`). */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * Wraps an error that escaped an SDK call into this package's family, keeping it as `cause`.
 * Errors of this package pass through unchanged.
 */
export function translateSdkError(operation: string, error: unknown): ConnectionStoreError {
  if (error instanceof ConnectionStoreError) return error;
  if (isThrottlingError(error)) return new ConnectionStoreThrottledError(operation, { cause: error });
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ConnectionStoreError('STORE_FAILED', `${operation} failed: ${detail}`, { cause: error });
}
