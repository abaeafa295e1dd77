/**
 * AWS-like conditions on the `@connections` API, both off by default: a latency per request
 * (about N ms, uniform from N/2 to 3N/2, as an HTTPS round trip to the management endpoint takes
 * 10-40 ms from Lambda) and the account throttle as a token bucket (N a second, burst N/2, as
 * AWS's 10,000 a second with a burst of 5,000), answering 429 `LimitExceededException` beyond it.
 * A fan-out that is fine here at 0 ms and no limit can still be one that AWS throttles.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ConnectionsConditionsOptions {
  /** Mean added latency per request; 0: none. @default 0 */
  latencyMs?: number;
  /** Requests a second; 0: unlimited. @default 0 */
  rateLimitPerSecond?: number;
  now?: () => number;
  random?: () => number;
}

export interface ConnectionsConditions {
  /** Whether any condition is on (the request path skips all of this otherwise). */
  readonly active: boolean;
  /** Takes a token; false when the bucket is empty (the request gets 429). */
  admit(): boolean;
  /** The latency for one request, in ms. */
  delayMs(): number;
  /** Requests answered 429 so far. */
  readonly throttled: number;
}

/**
 * @example
 * const conditions = createConnectionsConditions({ latencyMs: 25, rateLimitPerSecond: 10_000 });
 * if (!conditions.admit()) answer429();
 */
export function createConnectionsConditions(
  options: ConnectionsConditionsOptions = {},
): ConnectionsConditions {
  const latencyMs = options.latencyMs ?? 0;
  const rate = options.rateLimitPerSecond ?? 0;
  const now = options.now ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const burst = Math.max(1, rate / 2);
  let tokens = burst;
  let refilledAt = now();
  let throttled = 0;
  return {
    active: latencyMs > 0 || rate > 0,
    admit() {
      if (rate <= 0) return true;
      const at = now();
      tokens = Math.min(burst, tokens + ((at - refilledAt) * rate) / 1000);
      refilledAt = at;
      if (tokens < 1) {
        throttled += 1;
        return false;
      }
      tokens -= 1;
      return true;
    },
    delayMs: () => (latencyMs > 0 ? latencyMs * (0.5 + random()) : 0),
    get throttled() {
      return throttled;
    },
  };
}

/**
 * Serves one `@connections` request under the conditions: throttled ones get 429 (after the
 * latency, as AWS's answer too crosses the network), admitted ones are served after it.
 */
export async function serveUnderConditions(
  conditions: ConnectionsConditions,
  req: IncomingMessage,
  res: ServerResponse,
  serve: () => Promise<void>,
): Promise<void> {
  const admitted = conditions.admit();
  const delayMs = conditions.delayMs();
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (admitted) return serve();
  // Drain the body so the keep-alive socket can carry the caller's next request.
  req.resume();
  const body = '{"message":"Rate exceeded"}';
  res
    .writeHead(429, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      // SDK v3 names the error from this header (LimitExceededException, a throttling error).
      'x-amzn-ErrorType': 'LimitExceededException',
    })
    .end(body);
}
