/**
 * Every error code of the protocol, in one table. Types and the retryable list derive from it.
 * `retryable` says whether the same request may succeed if sent again later.
 */
export const errorCodes = {
  invalid_json: { retryable: false, description: 'The message is not valid JSON.' },
  message_too_large: { retryable: false, description: 'The message is over the size limit.' },
  unknown_action: { retryable: false, description: 'The message has no `action`, or one no route serves.' },
  unknown_type: { retryable: false, description: 'A server message of a `type` this client does not know.' },
  invalid_payload: { retryable: false, description: 'A field is missing or invalid; the message names it.' },
  unauthorized: { retryable: false, description: 'No valid credentials were presented.' },
  forbidden: { retryable: false, description: 'The caller may not do this.' },
  not_found: { retryable: false, description: 'The room, job or connection does not exist.' },
  not_in_room: { retryable: false, description: 'The caller must join the room first.' },
  rate_limited: { retryable: true, description: 'Too many requests; slow down and retry.' },
  timeout: { retryable: true, description: 'No reply in time.' },
  unavailable: { retryable: true, description: 'A dependency is temporarily unavailable.' },
  internal_error: { retryable: true, description: 'An unexpected server error.' },
} as const satisfies Record<string, { retryable: boolean; description: string }>;

/** One of the protocol's error codes. */
export type ErrorCode = keyof typeof errorCodes;

/** Every error code, in table order. */
export const errorCodeNames = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

/** The codes whose `retryable` flag is true. */
export type RetryableErrorCode = {
  [K in ErrorCode]: (typeof errorCodes)[K]['retryable'] extends true ? K : never;
}[ErrorCode];

/**
 * Whether a request that failed with `code` may succeed if sent again.
 * @example isRetryable('rate_limited') // true
 */
export function isRetryable(code: ErrorCode): code is RetryableErrorCode {
  return errorCodes[code].retryable;
}

/** Whether `value` is one of the protocol's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
