/**
 * The fan-out workflow's task: post one broadcast to one shard of a room, paced under the
 * slice's rate. GoneException removes that connection; a throttle (429) or a server fault is
 * retried with backoff; anything else is counted as failed. Members still throttled after every
 * retry fail the task (`SliceIncompleteError`), so Step Functions runs this slice again (and
 * only this one); its members may then get the message twice, which its `id` lets them drop.
 */
import type { ConnectionStore } from '@switchboard/connection-store';
import { forEachBounded } from '../adapters/notifier.js';
import { createRatePacer, type RatePacer } from '../adapters/rate-pacer.js';
import { isGone, isRetryablePostError, type PostToConnection } from '../adapters/post-errors.js';
import { sleep as defaultSleep } from '../deps/util.js';
import { SliceIncompleteError, WorkflowInputError } from '../errors.js';
import type { FanOutSliceInput, FanOutSliceOutput } from '../workflow/fan-out-workflow.js';

export interface PostSliceDeps {
  store: Pick<ConnectionStore, 'roomShardPages' | 'removeConnection' | 'roomShardCount'>;
  post: PostToConnection;
  /** Posts in flight at once. */
  concurrency: number;
  /** Attempts per member for a retryable failure. @default 8 */
  maxAttempts?: number;
  /** First backoff after a throttle; doubled per attempt, full jitter. @default 100 */
  baseBackoffMs?: number;
  pacerFor?: (ratePerSecond: number) => RatePacer;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface PostSliceResult extends Omit<FanOutSliceOutput, 'failed'> {
  failed: Array<{ connectionId: string; errorName: string }>;
}

export const postSlice = (deps: PostSliceDeps) => {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const maxAttempts = deps.maxAttempts ?? 8;
  const baseBackoffMs = deps.baseBackoffMs ?? 100;
  return async (input: FanOutSliceInput): Promise<PostSliceResult> => {
    checkInput(input, deps.store.roomShardCount);
    const pacer = (deps.pacerFor ?? ((ratePerSecond) => createRatePacer({ ratePerSecond })))(
      input.ratePerSecond,
    );
    const bytes = new TextEncoder().encode(input.data);
    const result: PostSliceResult = { shard: input.shard, delivered: 0, gone: 0, throttled: 0, failed: [] };
    const unfinished: string[] = [];

    const deliver = async (connectionId: string): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        await pacer.take();
        try {
          await deps.post(connectionId, bytes);
          pacer.succeeded();
          result.delivered += 1;
          return;
        } catch (error) {
          if (isGone(error)) {
            result.gone += 1;
            // A removal that fails leaves a stale member for the TTL: said in the task's log line.
            await deps.store.removeConnection(connectionId).catch((removeError: unknown) => {
              const errorName = removeError instanceof Error ? removeError.name : 'Error';
              result.failed.push({ connectionId, errorName: `remove after Gone: ${errorName}` });
            });
            return;
          }
          if (!isRetryablePostError(error)) {
            result.failed.push({ connectionId, errorName: error instanceof Error ? error.name : 'Error' });
            return;
          }
          result.throttled += 1;
          if (attempt >= maxAttempts) {
            unfinished.push(connectionId);
            return;
          }
          const backoffMs = random() * baseBackoffMs * 2 ** (attempt - 1);
          pacer.throttled(backoffMs);
          await sleep(backoffMs);
        }
      }
    };

    await forEachBounded(membersOf(deps.store, input), deps.concurrency, deliver);
    if (unfinished.length) {
      throw new SliceIncompleteError(
        `Shard ${input.shard} of "${input.room}": ${unfinished.length} members still throttled after ${maxAttempts} attempts (${result.delivered} delivered)`,
      );
    }
    return result;
  };
};

async function* membersOf(store: PostSliceDeps['store'], input: FanOutSliceInput): AsyncGenerator<string> {
  for await (const page of store.roomShardPages(input.room, input.shard)) {
    for (const member of page) if (member.connectionId !== input.exclude) yield member.connectionId;
  }
}

function checkInput(input: FanOutSliceInput, shardCount: number): void {
  const ok =
    typeof input?.room === 'string' &&
    typeof input.data === 'string' &&
    Number.isInteger(input.shard) &&
    input.ratePerSecond > 0;
  if (!ok) throw new WorkflowInputError('fanOut expects { room, data, shard, exclude, ratePerSecond }');
  // A store with another ROOM_SHARDS than the sender's: say so rather than post to nobody.
  if (input.shard >= shardCount) {
    throw new WorkflowInputError(`Shard ${input.shard} is out of range: ROOM_SHARDS is ${shardCount} here`);
  }
}
