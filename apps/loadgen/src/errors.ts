/**
 * Errors the load generator throws. `code` is stable for scripts; `message` is written for the
 * person who ran the command.
 */
export const loadgenErrorCodes = {
  usage: 'LOADGEN_ERR_USAGE',
  unreachable: 'LOADGEN_ERR_UNREACHABLE',
} as const;

export type LoadgenErrorCode = (typeof loadgenErrorCodes)[keyof typeof loadgenErrorCodes];

/** Base class of every error the load generator throws on purpose. */
export class LoadgenError extends Error {
  override name = 'LoadgenError';
  constructor(
    message: string,
    readonly code: LoadgenErrorCode,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A flag or option is missing, unknown or out of range. */
export class UsageError extends LoadgenError {
  override name = 'UsageError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, loadgenErrorCodes.usage, options);
  }
}

/** Not a single connection could be opened, so there is nothing to measure. */
export class UnreachableError extends LoadgenError {
  override name = 'UnreachableError';
  constructor(
    readonly url: string,
    /** Failure reasons with how often each happened, e.g. `{ 'connect ECONNREFUSED 127.0.0.1:1': 10 }`. */
    readonly reasons: Record<string, number>,
  ) {
    const first = Object.keys(reasons)[0] ?? 'unknown reason';
    super(`cannot open any connection to ${url}: ${first}`, loadgenErrorCodes.unreachable);
  }
}
