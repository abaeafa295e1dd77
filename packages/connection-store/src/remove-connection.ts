/** Removal of a connection with every membership: what `$disconnect` and a GoneException do. */
import type { StoreContext } from './context.js';
import { queryPages } from './context.js';
import { type WriteRequest, writeInChunks } from './batch-write.js';
import { type ItemKey, isLive, itemToConnection, itemToMembership, keys } from './items.js';
import { keyAttributes } from './table.js';
import type { Connection, RemovedConnection } from './types.js';

/** `ConnectionStore.removeConnection` (see types.ts), over a context. */
export async function removeConnection(ctx: StoreContext, connectionId: string): Promise<RemovedConnection> {
  // The connection's partition holds its record and one twin per room: one Query finds all.
  const ownKeys: ItemKey[] = [];
  const roomKeys: ItemKey[] = [];
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
      const { room } = itemToMembership(item);
      rooms.push(room);
      roomKeys.push(keys.member(room, connectionId));
    }
  }
  // Room sides first, the connection's partition last: if a chunk fails, the twins that are
  // left still lead a retry to whatever room sides remain.
  const requests: WriteRequest[] = [...roomKeys, ...ownKeys].map((Key) => ({ DeleteRequest: { Key } }));
  await writeInChunks(ctx, 'removeConnection', requests);
  const removed: RemovedConnection = { rooms, deletedItems: requests.length };
  if (connection) removed.connection = connection;
  return removed;
}
