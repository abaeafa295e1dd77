/**
 * The reference job: a real, deterministic computation on the input text, spread over a
 * configurable duration in steps so that progress can be reported. The same input always gives
 * the same result, so a retried step is harmless.
 */
import { createHash } from 'node:crypto';
import type { JobInput, JobResult } from '@switchboard/protocol';
import { JobInputError } from '../errors.js';

/** Input text that starts with this fails the job on purpose (to exercise `jobFailed`). */
export const FAIL_ON_PURPOSE_PREFIX = '!fail';

/** Rounds of SHA-256 per step: real CPU work, a few milliseconds in total. */
const ROUNDS_PER_STEP = 2_000;

export interface WorkPlan {
  steps: number;
  /** Pause after each step so that the whole job takes about `durationMs`. */
  pauseMs: number;
}

/** How a job of this input is carried out. */
export function planWork(input: JobInput, defaultDurationMs: number, steps: number): WorkPlan {
  const durationMs = input.durationMs ?? defaultDurationMs;
  return { steps, pauseMs: Math.floor(durationMs / steps) };
}

/**
 * Runs the job: `steps` rounds of chained SHA-256 over the text, calling `onStep` with the
 * percentage done after each. Resolves with a summary of the text and the final digest.
 * @throws JobInputError for text that starts with {@link FAIL_ON_PURPOSE_PREFIX}
 */
export async function runJob(
  input: JobInput,
  plan: WorkPlan,
  onStep: (percent: number) => Promise<void>,
  sleep: (ms: number) => Promise<void>,
): Promise<JobResult> {
  if (input.text.startsWith(FAIL_ON_PURPOSE_PREFIX)) {
    throw new JobInputError(`Input starting with "${FAIL_ON_PURPOSE_PREFIX}" fails on purpose`);
  }
  let digest = createHash('sha256').update(input.text).digest();
  for (let step = 1; step <= plan.steps; step += 1) {
    for (let round = 0; round < ROUNDS_PER_STEP; round += 1) {
      digest = createHash('sha256').update(digest).digest();
    }
    if (plan.pauseMs > 0) await sleep(plan.pauseMs);
    await onStep(Math.round((step / plan.steps) * 100));
  }
  const words = input.text.split(/\s+/).filter(Boolean).length;
  return {
    text: `${words} words, ${input.text.length} characters, digest ${digest.toString('hex').slice(0, 16)}`,
  };
}
