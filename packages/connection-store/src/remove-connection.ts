/** Removal of a connection with every membership: what `$disconnect` and a GoneException do. */
import type { StoreContext } from './context.js';
import { queryPages } from './context.js';
import { forEachConcurrently } from './concurrency.js';
import { type WriteRequest, writeInChunks } from './batch-write.js';
import { type ItemKey, isLive, itemToConnection, itemToMembership, keys } from './items.js';
import { deleteRoomSide } from './room-side.js';
import { keyAttributes } from './table.js';
import type { Connection, RemovedConnection } from './types.js';

/**
 * Room sides deleted at once. They are single `DeleteItem`s (each must say whether it removed a
 * counted member), so a connection in 100 rooms takes 10 rounds rather than 100.
 */
const ROOM_SIDE_CONCURRENCY = 10;

/** `ConnectionStore.removeConnection` (see types.ts), over a context. */
export async function removeConnection(ctx: StoreContext, connectionId: string): Promise<RemovedConnection> {
  // The connection's partition holds its record and one twin per room: one Query finds all.
  const ownKeys: ItemKey[] = [];
  const rooms: string[] = [];
  let connection: Connection | undefined;
  const pages = queryPages(ctx, 'removeConnection', {
    KeyConditionExpression: '#pk = :conn',
    ExpressionAttributeNames: { '#pk': keyAttributes.partition },
    ExpressionAttributeValues: { ':conn': keys.connectionPartition(connectionId) },
    ConsistentRead: true,
    Limit: ctx.pageSize,
  });
  const nowMs = ctx.now();
  for await (const items of pages) {
    for (const item of items) {
      ownKeys.push({ pk: item.pk as string, sk: item.sk as string });
      if (item.sk === keys.connection(connectionId).sk) {
        if (isLive(item, nowMs)) connection = itemToConnection(item);
        continue;
      }
      rooms.push(itemToMembership(item).room);
    }
  }
  // Room sides first (each in the connection's shard, each subtracted from its count), the
  // connection's partition last: if anything fails, the twins that are left still lead a retry
  // to whatever room sides remain.
  await forEachConcurrently(rooms, ROOM_SIDE_CONCURRENCY, async (room) => {
    await deleteRoomSide(ctx, 'removeConnection', room, connectionId);
  });
  const requests: WriteRequest[] = ownKeys.map((Key) => ({ DeleteRequest: { Key } }));
  await writeInChunks(ctx, 'removeConnection', requests);
  const removed: RemovedConnection = { rooms, deletedItems: rooms.length + requests.length };
  if (connection) removed.connection = connection;
  return removed;
}
