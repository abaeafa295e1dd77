/**
 * How big a run is. `ci` (default) keeps the whole suite within a few minutes on a loaded 2-core
 * machine; `full` (`RELIABILITY_MODE=full`, set by `pnpm soak`) runs the sizes the issue names.
 * Each size can also be set on its own through the environment variable next to it.
 */
export type ReliabilityMode = 'ci' | 'full';

export interface ScenarioSizes {
  /** `RELIABILITY_DROP_CLIENTS`: clients in the abrupt-drop scenario. */
  dropClients: number;
  /** `RELIABILITY_FUZZ_FRAMES`: frames the fuzzer sends. */
  fuzzFrames: number;
  /** `RELIABILITY_SOAK_MS`: how long the soak runs. */
  soakMs: number;
  /** `RELIABILITY_SOAK_SAMPLE_MS`: time between two soak samples. */
  soakSampleMs: number;
}

const sizes: Record<ReliabilityMode, ScenarioSizes> = {
  ci: { dropClients: 500, fuzzFrames: 3000, soakMs: 45_000, soakSampleMs: 5_000 },
  full: { dropClients: 500, fuzzFrames: 10_000, soakMs: 600_000, soakSampleMs: 10_000 },
};

/** The mode of this run, from `RELIABILITY_MODE`. */
export function reliabilityMode(env: NodeJS.ProcessEnv = process.env): ReliabilityMode {
  const mode = env.RELIABILITY_MODE ?? 'ci';
  if (mode !== 'ci' && mode !== 'full') {
    throw new RangeError(`RELIABILITY_MODE must be "ci" or "full", got "${mode}"`);
  }
  return mode;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** The sizes of this run: the mode's, each overridable by its variable. */
export function scenarioSizes(env: NodeJS.ProcessEnv = process.env): ScenarioSizes {
  const base = sizes[reliabilityMode(env)];
  return {
    dropClients: positiveInteger(env, 'RELIABILITY_DROP_CLIENTS', base.dropClients),
    fuzzFrames: positiveInteger(env, 'RELIABILITY_FUZZ_FRAMES', base.fuzzFrames),
    soakMs: positiveInteger(env, 'RELIABILITY_SOAK_MS', base.soakMs),
    soakSampleMs: positiveInteger(env, 'RELIABILITY_SOAK_SAMPLE_MS', base.soakSampleMs),
  };
}
