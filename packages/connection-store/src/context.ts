/**
 * What every operation shares: the document client, the table name, the clock and the limits,
 * resolved once from the options in `createConnectionStore`.
 */
import {
  DynamoDBDocumentClient,
  PutCommand,
  type QueryCommandInput,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, translateSdkError } from './errors.js';
import type { Item } from './items.js';
import { checkRoomShards, DEFAULT_ROOM_SHARDS } from './shards.js';
import { keyAttributes } from './table.js';
import type { ConnectionStoreOptions } from './types.js';

/** API Gateway closes every WebSocket connection after 2 hours. */
export const MAX_CONNECTION_DURATION_SECONDS = 2 * 60 * 60;

export interface StoreContext {
  doc: DynamoDBDocumentClient;
  tableName: string;
  now: () => number;
  pageSize: number;
  /** Shards per room (partitions a room's members are spread over). */
  roomShards: number;
  connectionTtlSlackSeconds: number;
  jobTtlSeconds: number;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  sleep: (ms: number) => Promise<void>;
}

export function createContext(options: ConnectionStoreOptions): StoreContext {
  const doc =
    options.client instanceof DynamoDBDocumentClient
      ? options.client
      : DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  }
  if (!options.tableName) throw new RangeError('tableName is required');
  return {
    doc,
    tableName: options.tableName,
    now: options.now ?? Date.now,
    pageSize,
    roomShards: checkRoomShards(options.roomShards ?? DEFAULT_ROOM_SHARDS),
    connectionTtlSlackSeconds: options.connectionTtlSlackSeconds ?? 15 * 60,
    jobTtlSeconds: options.jobTtlSeconds ?? 24 * 60 * 60,
    retry: {
      maxAttempts: options.retry?.maxAttempts ?? 8,
      baseDelayMs: options.retry?.baseDelayMs ?? 50,
      maxDelayMs: options.retry?.maxDelayMs ?? 2000,
    },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

/** Runs one SDK call, translating what it throws into this package's errors. */
export async function sdkCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateSdkError(operation, error);
  }
}

/**
 * Runs one conditional SDK call: true if it was applied, false if its condition failed; any
 * other error is translated as by {@link sdkCall}.
 */
export async function conditionalCall(operation: string, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw translateSdkError(operation, error);
  }
}

/**
 * `PutItem` that never overwrites: an item with the same key makes it throw `exists(cause)`,
 * decided by the table itself, so two racing writers cannot both win.
 */
export async function putNew(
  ctx: StoreContext,
  operation: string,
  item: Item,
  exists: (cause: unknown) => Error,
): Promise<void> {
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': keyAttributes.partition },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw exists(error);
    throw translateSdkError(operation, error);
  }
}

/** Every page of a `Query`, following `LastEvaluatedKey`; one request per page, lazily. */
export async function* queryPages(
  ctx: StoreContext,
  operation: string,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): AsyncGenerator<Item[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await sdkCall(operation, () =>
      ctx.doc.send(new QueryCommand({ ...input, TableName: ctx.tableName, ExclusiveStartKey: startKey })),
    );
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Epoch seconds, as DynamoDB TTL wants them. */
export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
