/**
 * What a fan-out worker needs to know about a failed PostToConnection, the same for the SDK
 * client and the signed-fetch path: by the error's `name` (SDK v3 takes it from
 * `x-amzn-ErrorType`) and the SDK's `$fault`, never by a status code. No SDK import: the
 * fan-out worker's bundle has none.
 */
/** Posts `data` to one connection; rejects with the service's error (named as the SDK names it). */
export type PostToConnection = (connectionId: string, data: Uint8Array) => Promise<void>;

/** Throttling names: the account's `@connections` limit and a client's full send buffer. */
const THROTTLES = new Set(['LimitExceededException', 'TooManyRequestsException', 'ThrottlingException']);

export function isGone(error: unknown): boolean {
  return error instanceof Error && error.name === 'GoneException';
}

/** A 429 or a server-side fault (5xx), or the connection to the endpoint failing: worth another try. */
export function isRetryablePostError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (THROTTLES.has(error.name)) return true;
  const fault = (error as { $fault?: string }).$fault;
  if (fault === 'server') return true;
  // Socket-level failures (ECONNRESET, ...) carry a code and no $fault.
  return fault === undefined && typeof (error as { code?: unknown }).code === 'string';
}
