/** How reconnect attempts are spaced. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay. @default 500 */
  initialDelayMs: number;
  /** No delay exceeds this. @default 30000 */
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter: a uniform random delay between 0 and
 * `min(maxDelayMs, initialDelayMs * 2^attempt)`. Full jitter spreads the reconnects of many
 * clients that lost the same server, instead of bringing them back in waves.
 * @param attempt 0 for the first retry.
 * @param random a source of uniform numbers in [0, 1).
 * @example backoffDelayMs(3, { initialDelayMs: 500, maxDelayMs: 30_000 }) // somewhere in [0, 4000)
 */
export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  // Cap the exponent so that 2^attempt never overflows to Infinity.
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 52));
  return Math.floor(random() * ceiling);
}
