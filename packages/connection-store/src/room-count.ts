/**
 * Member counts: one item per shard of a room, each in a partition of its own, so a join storm
 * spreads its count updates over the shards exactly as it spreads the members. One item for the
 * whole room would take every join's write and cap the room at that one partition's ~1,000
 * writes a second again. `roomMemberCount` sums the shards.
 *
 * Callers add or subtract only when a membership was really created or deleted (`room-side.ts`
 * decides); this file keeps the count item alive and resets it once it has expired.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { connectionExpiresAtSeconds } from './connections.js';
import { conditionalCall, type StoreContext, sdkCall, toEpochSeconds } from './context.js';
import { ConnectionStoreError } from './errors.js';
import { COUNT_STARTED_ATTRIBUTE, isLive, keys, MEMBER_COUNT_ATTRIBUTE } from './items.js';
import { keyAttributes, TTL_ATTRIBUTE } from './table.js';

const names = {
  '#pk': keyAttributes.partition,
  '#count': MEMBER_COUNT_ATTRIBUTE,
  '#exp': TTL_ATTRIBUTE,
  '#started': COUNT_STARTED_ATTRIBUTE,
};

/** Rounds of "add, else restart the expired item" before giving up (each loses only to a racer). */
const MAX_ADD_ROUNDS = 3;

/**
 * Adds one member to a shard's count. The item's TTL moves to the latest a connection recorded
 * now can have, so the count outlives every member it counts; once past it, every member it
 * counted has expired, and the next join restarts it at 1 instead of adding to a stale figure.
 */
export async function addToMemberCount(ctx: StoreContext, room: string, shard: number): Promise<void> {
  const Key = keys.memberCount(room, shard, ctx.roomShards);
  // The TTL of a connection recorded now: no member counted so far expires later.
  const expiresAt = connectionExpiresAtSeconds(ctx, ctx.now());
  const nowSeconds = toEpochSeconds(ctx.now());
  for (let round = 0; round < MAX_ADD_ROUNDS; round++) {
    const added = await conditionalCall('joinRoom', () =>
      ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key,
          UpdateExpression:
            'SET #room = :room, #shard = :shard, #exp = :exp, #started = if_not_exists(#started, :now) ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#pk) OR #exp > :now',
          ExpressionAttributeNames: { ...names, '#room': 'room', '#shard': 'shard' },
          ExpressionAttributeValues: {
            ':room': room,
            ':shard': shard,
            ':exp': expiresAt,
            ':one': 1,
            ':now': nowSeconds,
          },
        }),
      ),
    );
    if (added) return;
    // Expired but not yet deleted (TTL takes up to days): restart it, unless a racer just did.
    const restarted = await conditionalCall('joinRoom', () =>
      ctx.doc.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: {
            ...Key,
            room,
            shard,
            [MEMBER_COUNT_ATTRIBUTE]: 1,
            [TTL_ATTRIBUTE]: expiresAt,
            [COUNT_STARTED_ATTRIBUTE]: nowSeconds,
          },
          ConditionExpression: '#exp <= :now',
          ExpressionAttributeNames: { '#exp': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      ),
    );
    if (restarted) return;
  }
  throw new ConnectionStoreError('STORE_FAILED', `joinRoom: count of ${room} shard ${shard} kept changing`);
}

/**
 * Subtracts one member, whose membership expires at `memberExpiresAtSeconds`. Left alone: a
 * count item that is gone or expired, and one restarted after this member expired (a late
 * cleanup of a lost `$disconnect`). Neither includes the member any more (see
 * `addToMemberCount`), and subtracting would make a live count wrong.
 */
export async function subtractFromMemberCount(
  ctx: StoreContext,
  operation: string,
  room: string,
  shard: number,
  memberExpiresAtSeconds: number,
): Promise<void> {
  // A failed condition: a count that no longer includes the member, left alone.
  await conditionalCall(operation, () =>
    ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.memberCount(room, shard, ctx.roomShards),
        UpdateExpression: 'ADD #count :minusOne',
        ConditionExpression: '#exp > :now AND #started < :memberExp',
        ExpressionAttributeNames: {
          '#count': MEMBER_COUNT_ATTRIBUTE,
          '#exp': TTL_ATTRIBUTE,
          '#started': COUNT_STARTED_ATTRIBUTE,
        },
        ExpressionAttributeValues: {
          ':minusOne': -1,
          ':now': toEpochSeconds(ctx.now()),
          ':memberExp': memberExpiresAtSeconds,
        },
      }),
    ),
  );
}

/** `ConnectionStore.roomMemberCount` (see types.ts), over a context. */
export async function roomMemberCount(ctx: StoreContext, room: string): Promise<number> {
  // One GetItem per shard, in parallel: N is small, and unlike BatchGetItem nothing comes back
  // unprocessed. Eventually consistent (half the read units): the figure is a bound anyway.
  const shards = Array.from({ length: ctx.roomShards }, (_, shard) => shard);
  const counts = await Promise.all(
    shards.map(async (shard) => {
      const { Item } = await sdkCall('roomMemberCount', () =>
        ctx.doc.send(
          new GetCommand({ TableName: ctx.tableName, Key: keys.memberCount(room, shard, ctx.roomShards) }),
        ),
      );
      if (!Item || !isLive(Item, ctx.now())) return 0;
      // Below zero only if an SDK retry applied a subtraction twice; a shard never has fewer.
      return Math.max(0, Number(Item[MEMBER_COUNT_ATTRIBUTE] ?? 0));
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}
