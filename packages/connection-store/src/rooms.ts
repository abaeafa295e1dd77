/** Room memberships: join, leave and the rooms of a connection. Reads of members: room-members.ts. */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getConnection } from './connections.js';
import { queryPages, type StoreContext, sdkCall } from './context.js';
import { ConnectionNotFoundError } from './errors.js';
import { isLive, itemToMembership, keys, membershipFields } from './items.js';
import { deleteRoomSide, putRoomSide } from './room-side.js';
import { keyAttributes } from './table.js';
import type { RoomMembership } from './types.js';

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
  // Both sides at once, not in one transaction: a join racing a removal can at worst leave items
  // that expire with the connection and that fan-out's GoneException cleans up earlier.
  await Promise.all([
    putRoomSide(ctx, membership),
    sdkCall('joinRoom', () =>
      ctx.doc.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: { ...keys.roomOfConnection(connectionId, room), ...membershipFields(membership) },
        }),
      ),
    ),
  ]);
  return membership;
}

/** `ConnectionStore.leaveRoom` (see types.ts), over a context. */
export async function leaveRoom(ctx: StoreContext, connectionId: string, room: string): Promise<boolean> {
  // Two DeleteItems rather than one batch: only they can say whether the membership existed.
  const [roomSide, connectionSide] = await Promise.all([
    deleteRoomSide(ctx, 'leaveRoom', room, connectionId),
    sdkCall('leaveRoom', () =>
      ctx.doc.send(
        new DeleteCommand({
          TableName: ctx.tableName,
          Key: keys.roomOfConnection(connectionId, room),
          ReturnValues: 'ALL_OLD',
        }),
      ),
    ),
  ]);
  return roomSide || connectionSide.Attributes !== undefined;
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
