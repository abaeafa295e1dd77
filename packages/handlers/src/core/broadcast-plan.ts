/**
 * Which path a room broadcast takes: posted by the `send` function itself, or spread over the
 * fan-out workflow's parallel tasks, one per shard. Pure: the count and settings in, the plan out.
 */

export type BroadcastPlan =
  | { path: 'direct' }
  | {
      path: 'fanOut';
      members: number;
      /** One slice per shard, each a Map iteration. */
      shards: number[];
      /** The broadcast's rate shared evenly: slices run at once, so their rates add up. */
      ratePerSlice: number;
    };

export interface BroadcastPlanInput {
  /** The room's member count (an upper bound of its live members). */
  members: number;
  /** Members from which the workflow is used; 0: never. */
  threshold: number;
  shardCount: number;
  /** Posts per second for the whole broadcast. */
  ratePerSecond: number;
}

/**
 * @example
 * planBroadcast({ members: 10_000, threshold: 250, shardCount: 8, ratePerSecond: 5000 });
 * // { path: 'fanOut', members: 10000, shards: [0, …, 7], ratePerSlice: 625 }
 */
export function planBroadcast(input: BroadcastPlanInput): BroadcastPlan {
  if (input.threshold === 0 || input.members < input.threshold) return { path: 'direct' };
  const shards = Array.from({ length: input.shardCount }, (_, shard) => shard);
  return {
    path: 'fanOut',
    members: input.members,
    shards,
    ratePerSlice: Math.max(1, Math.floor(input.ratePerSecond / input.shardCount)),
  };
}
