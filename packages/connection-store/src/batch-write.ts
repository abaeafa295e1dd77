/**
 * `BatchWriteItem` in chunks of 25 (its limit), retrying `UnprocessedItems` and throttling with
 * exponential backoff and full jitter, as the DynamoDB docs ask of batch callers.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './context.js';
import {
  ConnectionStoreThrottledError,
  isThrottlingError,
  translateSdkError,
  UnprocessedItemsError,
} from './errors.js';
import type { Item, ItemKey } from './items.js';

/** One request of a `BatchWriteItem` (document client shape). */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: ItemKey } };

/** DynamoDB rejects a `BatchWriteItem` of more than 25 requests. */
export const BATCH_WRITE_LIMIT = 25;

/** Delay before retry `attempt` (1-based): uniform in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelayMs(
  retry: StoreContext['retry'],
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Writes at most 25 requests, retrying until all are processed or attempts run out. */
export async function writeBatch(
  ctx: StoreContext,
  operation: string,
  requests: WriteRequest[],
): Promise<void> {
  if (requests.length > BATCH_WRITE_LIMIT) {
    throw new RangeError(`writeBatch takes at most ${BATCH_WRITE_LIMIT} requests, got ${requests.length}`);
  }
  let pending = requests;
  for (let attempt = 1; ; attempt++) {
    let lastError: unknown;
    try {
      const output = await ctx.doc.send(
        new BatchWriteCommand({ RequestItems: { [ctx.tableName]: pending } }),
      );
      pending = (output.UnprocessedItems?.[ctx.tableName] ?? []) as WriteRequest[];
      if (pending.length === 0) return;
    } catch (error) {
      // A batch whose every item is throttled fails as a whole; anything else is not ours to retry.
      if (!isThrottlingError(error)) throw translateSdkError(operation, error);
      lastError = error;
    }
    if (attempt >= ctx.retry.maxAttempts) {
      if (lastError) throw new ConnectionStoreThrottledError(operation, { cause: lastError });
      throw new UnprocessedItemsError(operation, pending.length, attempt);
    }
    await ctx.sleep(backoffDelayMs(ctx.retry, attempt));
  }
}

/** Writes any number of requests, 25 at a time, in order. */
export async function writeInChunks(
  ctx: StoreContext,
  operation: string,
  requests: WriteRequest[],
): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
    await writeBatch(ctx, operation, requests.slice(start, start + BATCH_WRITE_LIMIT));
  }
}
