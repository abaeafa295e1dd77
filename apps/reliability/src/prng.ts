/**
 * A seeded pseudo-random generator (mulberry32), so that a failing fuzz or soak run can be
 * replayed exactly with the seed it printed (`RELIABILITY_SEED`).
 */
export interface Prng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** `length` random bytes. */
  bytes(length: number): Buffer;
}

/**
 * @example
 * const rng = createPrng(42);
 * rng.int(1, 6); // the same sequence for the same seed
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (p) => next() < p,
    bytes: (length) => {
      const buffer = Buffer.alloc(length);
      for (let i = 0; i < length; i++) buffer[i] = int(0, 255);
      return buffer;
    },
  };
}

/** The seed of this run: `RELIABILITY_SEED`, or a fresh one (printed by the scenario). */
export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RELIABILITY_SEED;
  if (raw === undefined || raw === '') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new RangeError(`RELIABILITY_SEED must be an integer, got "${raw}"`);
  return seed;
}
