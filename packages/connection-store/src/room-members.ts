/** Reads of a room's members: one shard (a fan-out slice) or all of them, paginated `Query`, never `Scan`. */
import { queryPages, type StoreContext } from './context.js';
import { ShardOutOfRangeError } from './errors.js';
import { isLive, itemToMembership, keys } from './items.js';
import { keyAttributes } from './table.js';
import type { PageOptions, RoomMembership } from './types.js';

/** `ConnectionStore.roomShardPages` (see types.ts), over a context. */
export async function* roomShardPages(
  ctx: StoreContext,
  room: string,
  shard: number,
  options: PageOptions = {},
): AsyncGenerator<RoomMembership[]> {
  if (!Number.isInteger(shard) || shard < 0 || shard >= ctx.roomShards) {
    throw new ShardOutOfRangeError(room, shard, ctx.roomShards);
  }
  const pages = queryPages(ctx, 'roomMembers', {
    // With one shard, the very Query of before sharding.
    KeyConditionExpression: '#pk = :room',
    ExpressionAttributeNames: { '#pk': keyAttributes.partition },
    ExpressionAttributeValues: { ':room': keys.roomShardPartition(room, shard, ctx.roomShards) },
    Limit: options.pageSize ?? ctx.pageSize,
  });
  for await (const items of pages) {
    const nowMs = ctx.now();
    // `room` is checked too: after a change of roomShards, room `a#1` (one shard) and shard 1 of
    // room `a` share the partition `ROOM#a#1`.
    const members = items.filter((item) => item.room === room && isLive(item, nowMs)).map(itemToMembership);
    // A page of only expired members is skipped, not yielded empty.
    if (members.length > 0) yield members;
  }
}

/** `ConnectionStore.roomMemberPages` (see types.ts), over a context. */
export async function* roomMemberPages(
  ctx: StoreContext,
  room: string,
  options: PageOptions = {},
): AsyncGenerator<RoomMembership[]> {
  // One shard after the other, lazily: a reader that stops early sends no further Query.
  for (let shard = 0; shard < ctx.roomShards; shard++) yield* roomShardPages(ctx, room, shard, options);
}

/** `ConnectionStore.roomMembers` (see types.ts), over a context. */
export async function* roomMembers(
  ctx: StoreContext,
  room: string,
  options: PageOptions = {},
): AsyncGenerator<RoomMembership> {
  for await (const page of roomMemberPages(ctx, room, options)) yield* page;
}
