/** Room memberships: join, leave, members (paginated Query, never Scan), rooms of a connection. */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { getConnection } from './connections.js';
import { queryPages, type StoreContext, sdkCall } from './context.js';
import { ConnectionNotFoundError } from './errors.js';
import { isLive, itemToMembership, keys, membershipToItems } from './items.js';
import { writeBatch } from './batch-write.js';
import { keyAttributes } from './table.js';
import type { PageOptions, RoomMembership } from './types.js';

/** `ConnectionStore.joinRoom` (see types.ts), over a context. */
export async function joinRoom(
  ctx: StoreContext,
  connectionId: string,
  room: string,
): Promise<RoomMembership> {
  const connection = await getConnection(ctx, connectionId);
  if (!connection) throw new ConnectionNotFoundError(connectionId);
  const membership: RoomMembership = {
    room,
    connectionId,
    userId: connection.userId,
    joinedAtMs: ctx.now(),
    // A membership cannot outlive its connection, so it expires with it.
    expiresAtSeconds: connection.expiresAtSeconds,
  };
  // Both sides in one request; a join racing a removal can at worst leave items that expire
  // with the connection and that fan-out's GoneException cleans up earlier.
  const [roomSide, connectionSide] = membershipToItems(membership);
  await writeBatch(ctx, 'joinRoom', [
    { PutRequest: { Item: roomSide } },
    { PutRequest: { Item: connectionSide } },
  ]);
  return membership;
}

/** `ConnectionStore.leaveRoom` (see types.ts), over a context. */
export async function leaveRoom(ctx: StoreContext, connectionId: string, room: string): Promise<boolean> {
  // Two DeleteItems rather than one batch: only they can say whether the membership existed.
  const results = await Promise.all(
    [keys.member(room, connectionId), keys.roomOfConnection(connectionId, room)].map((key) =>
      sdkCall('leaveRoom', () =>
        ctx.doc.send(new DeleteCommand({ TableName: ctx.tableName, Key: key, ReturnValues: 'ALL_OLD' })),
      ),
    ),
  );
  return results.some((result) => result.Attributes !== undefined);
}

/** `ConnectionStore.roomMemberPages` (see types.ts), over a context. */
export async function* roomMemberPages(
  ctx: StoreContext,
  room: string,
  options: PageOptions = {},
): AsyncGenerator<RoomMembership[]> {
  const pages = queryPages(ctx, 'roomMembers', {
    KeyConditionExpression: '#pk = :room',
    ExpressionAttributeNames: { '#pk': keyAttributes.partition },
    ExpressionAttributeValues: { ':room': keys.roomPartition(room) },
    Limit: options.pageSize ?? ctx.pageSize,
  });
  for await (const items of pages) {
    const nowMs = ctx.now();
    const members = items.filter((item) => isLive(item, nowMs)).map(itemToMembership);
    // A page of only expired members is skipped, not yielded empty.
    if (members.length > 0) yield members;
  }
}

/** `ConnectionStore.roomMembers` (see types.ts), over a context. */
export async function* roomMembers(
  ctx: StoreContext,
  room: string,
  options: PageOptions = {},
): AsyncGenerator<RoomMembership> {
  for await (const page of roomMemberPages(ctx, room, options)) yield* page;
}

/** `ConnectionStore.roomsOf` (see types.ts), over a context. */
export async function roomsOf(ctx: StoreContext, connectionId: string): Promise<string[]> {
  const rooms: string[] = [];
  const pages = queryPages(ctx, 'roomsOf', {
    KeyConditionExpression: '#pk = :conn AND begins_with(#sk, :room)',
    ExpressionAttributeNames: { '#pk': keyAttributes.partition, '#sk': keyAttributes.sort },
    ExpressionAttributeValues: {
      ':conn': keys.connectionPartition(connectionId),
      ':room': keys.roomSortPrefix,
    },
    Limit: ctx.pageSize,
  });
  for await (const items of pages) {
    const nowMs = ctx.now();
    for (const item of items) if (isLive(item, nowMs)) rooms.push(itemToMembership(item).room);
  }
  return rooms;
}
