/**
 * The room side of a membership (the item fan-out reads, in the connection's shard) and the
 * member count that goes with it. Written and deleted one item at a time, because only a single
 * `UpdateItem`/`DeleteItem` says whether it really created or removed the membership;
 * `BatchWriteItem` answers neither, and dynalite has no transactions to test one with.
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './context.js';
import { sdkCall } from './context.js';
import { type Item, JOIN_ID_ATTRIBUTE, isLive, keys, membershipFields } from './items.js';
import { addToMemberCount, subtractFromMemberCount } from './room-count.js';
import { shardOfConnection } from './shards.js';
import { TTL_ATTRIBUTE } from './table.js';
import type { RoomMembership } from './types.js';

/**
 * Whether the write of `joinId` created a membership the count does not include yet:
 * - nothing was there (a new member);
 * - it was written by this very call: the SDK retried a write whose answer was lost;
 * - it has no `joinId`: written before counts existed, so never counted;
 * - it had expired (TTL deletes within days): a connection id used again. Its count item has
 *   expired with it or still includes it; the second case over-counts by one, which keeps the
 *   count an upper bound.
 */
function createdMembership(old: Item | undefined, joinId: string, nowMs: number): boolean {
  if (!old) return true;
  const previous = old[JOIN_ID_ATTRIBUTE];
  return previous === undefined || previous === joinId || !isLive(old, nowMs);
}

/**
 * Writes the room side (refreshing every field of a re-join) and counts it if it is new. An
 * `UpdateItem` with `ALL_OLD` rather than a conditional put: one request says whether the item
 * existed and still refreshes it. `if_not_exists` keeps the first join's id, so a retried
 * re-join cannot pass for the write that created the member.
 */
export async function putRoomSide(ctx: StoreContext, membership: RoomMembership): Promise<void> {
  const joinId = randomUUID();
  const fields = membershipFields(membership);
  const names: Record<string, string> = { '#joinId': JOIN_ID_ATTRIBUTE };
  const values: Record<string, unknown> = { ':joinId': joinId };
  const assignments = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  const { Attributes } = await sdkCall('joinRoom', () =>
    ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.member(membership.room, membership.connectionId, ctx.roomShards),
        UpdateExpression: `SET ${assignments.join(', ')}, #joinId = if_not_exists(#joinId, :joinId)`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
      }),
    ),
  );
  if (createdMembership(Attributes, joinId, ctx.now())) {
    await addToMemberCount(ctx, membership.room, shardOfConnection(membership.connectionId, ctx.roomShards));
  }
}

/**
 * Deletes the room side and, if the count included it (it has a `joinId`), subtracts it. Two
 * racing removals (a `leave` and the `$disconnect` after it) cannot both subtract: only one
 * `DeleteItem` gets the old item back. True if there was a room side.
 */
export async function deleteRoomSide(
  ctx: StoreContext,
  operation: string,
  room: string,
  connectionId: string,
): Promise<boolean> {
  const { Attributes } = await sdkCall(operation, () =>
    ctx.doc.send(
      new DeleteCommand({
        TableName: ctx.tableName,
        Key: keys.member(room, connectionId, ctx.roomShards),
        ReturnValues: 'ALL_OLD',
      }),
    ),
  );
  if (Attributes?.[JOIN_ID_ATTRIBUTE] !== undefined) {
    const shard = shardOfConnection(connectionId, ctx.roomShards);
    await subtractFromMemberCount(ctx, operation, room, shard, Number(Attributes[TTL_ATTRIBUTE]));
  }
  return Attributes !== undefined;
}
