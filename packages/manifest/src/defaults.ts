/**
 * Lambda's own defaults, which apply when a manifest function sets no `timeoutSeconds` or
 * `memoryMb`. The local gateway enforces them and infra deploys them: one table, so the two
 * worlds cannot drift apart.
 */
export const lambdaDefaults = {
  /** Lambda's default timeout. API Gateway stops waiting after 29 s regardless. */
  timeoutSeconds: 3,
  /** Lambda's smallest (and default) memory size. */
  memoryMb: 128,
} as const;

/** Limits a deployment may default differently (infra's per-environment `defaultMemoryMb`). */
export interface FunctionDefaults {
  /** @default 3 */
  timeoutSeconds?: number;
  /** @default 128 */
  memoryMb?: number;
}
