/**
 * Pacing for a fan-out slice: a token bucket at `ratePerSecond` (burst half a second's worth,
 * as API Gateway's account throttle allows a burst of half its rate), which halves its rate when
 * `@connections` answers 429 and creeps back up as posts succeed (additive increase,
 * multiplicative decrease), so parallel slices that together overrun the account's limit settle
 * under it instead of losing members.
 */
import { sleep as defaultSleep } from '../deps/util.js';

export interface RatePacerOptions {
  ratePerSecond: number;
  /** @default ratePerSecond / 2 */
  burst?: number;
  /** The floor the rate never drops below on throttling. @default 1 */
  minRatePerSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RatePacer {
  /** Resolves when one more post may start. */
  take(): Promise<void>;
  /** A post was throttled: halve the rate and hold every post for `holdMs`. */
  throttled(holdMs: number): void;
  /** A post succeeded: win back a little of the configured rate. */
  succeeded(): void;
  /** The current rate, for logs. */
  readonly ratePerSecond: number;
}

/**
 * @example
 * const pacer = createRatePacer({ ratePerSecond: 625 });
 * await pacer.take(); // then post
 */
export function createRatePacer(options: RatePacerOptions): RatePacer {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const target = options.ratePerSecond;
  if (!(target > 0)) throw new RangeError(`ratePerSecond must be positive, got ${target}`);
  const floor = Math.min(target, options.minRatePerSecond ?? 1);
  const burst = Math.max(1, options.burst ?? target / 2);
  let rate = target;
  // The time the next post may start; up to a burst's worth (less the post itself) in the past is
  // credit, so `burst` posts may start at once, as from a full bucket.
  const credit = () => ((burst - 1) * 1000) / rate;
  let nextAtMs = now() - credit();
  return {
    async take() {
      const at = now();
      nextAtMs = Math.max(nextAtMs, at - credit());
      const startAt = nextAtMs;
      nextAtMs += 1000 / rate;
      if (startAt > at) await sleep(startAt - at);
    },
    throttled(holdMs) {
      rate = Math.max(floor, rate / 2);
      nextAtMs = Math.max(nextAtMs, now() + holdMs);
    },
    succeeded() {
      if (rate < target) rate = Math.min(target, rate + target / 100);
    },
    get ratePerSecond() {
      return rate;
    },
  };
}
