/** Connection records: put (no silent overwrite), get, delete, and a user's connections. */
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  MAX_CONNECTION_DURATION_SECONDS,
  putNew,
  queryPages,
  type StoreContext,
  sdkCall,
  toEpochSeconds,
} from './context.js';
import { ConnectionExistsError } from './errors.js';
import { connectionToItem, isLive, itemToConnection, keys } from './items.js';
import { keyAttributes, USER_INDEX_NAME } from './table.js';
import type { Connection, NewConnection } from './types.js';

/** The TTL of a connection's items: past it the connection cannot exist any more. */
export function connectionExpiresAtSeconds(ctx: StoreContext, connectedAtMs: number): number {
  return toEpochSeconds(connectedAtMs) + MAX_CONNECTION_DURATION_SECONDS + ctx.connectionTtlSlackSeconds;
}

/** `ConnectionStore.putConnection` (see types.ts), over a context. */
export async function putConnection(ctx: StoreContext, input: NewConnection): Promise<Connection> {
  const connectedAtMs = input.connectedAtMs ?? ctx.now();
  const connection: Connection = {
    connectionId: input.connectionId,
    userId: input.userId,
    connectedAtMs,
    expiresAtSeconds: connectionExpiresAtSeconds(ctx, connectedAtMs),
  };
  if (input.sourceIp !== undefined) connection.sourceIp = input.sourceIp;
  await putNew(
    ctx,
    'putConnection',
    connectionToItem(connection),
    (cause) => new ConnectionExistsError(input.connectionId, { cause }),
  );
  return connection;
}

/** `ConnectionStore.getConnection` (see types.ts), over a context. */
export async function getConnection(
  ctx: StoreContext,
  connectionId: string,
): Promise<Connection | undefined> {
  const { Item } = await sdkCall('getConnection', () =>
    // Consistent: `join` often arrives right after `$connect` wrote the record.
    ctx.doc.send(
      new GetCommand({ TableName: ctx.tableName, Key: keys.connection(connectionId), ConsistentRead: true }),
    ),
  );
  return Item && isLive(Item, ctx.now()) ? itemToConnection(Item) : undefined;
}

/** `ConnectionStore.deleteConnection` (see types.ts), over a context. */
export async function deleteConnection(ctx: StoreContext, connectionId: string): Promise<boolean> {
  const { Attributes } = await sdkCall('deleteConnection', () =>
    ctx.doc.send(
      new DeleteCommand({
        TableName: ctx.tableName,
        Key: keys.connection(connectionId),
        ReturnValues: 'ALL_OLD',
      }),
    ),
  );
  return Attributes !== undefined;
}

/** `ConnectionStore.connectionsOfUser` (see types.ts), over a context. */
export async function connectionsOfUser(ctx: StoreContext, userId: string): Promise<Connection[]> {
  const connections: Connection[] = [];
  const pages = queryPages(ctx, 'connectionsOfUser', {
    IndexName: USER_INDEX_NAME,
    KeyConditionExpression: '#gpk = :user',
    ExpressionAttributeNames: { '#gpk': keyAttributes.userIndexPartition },
    ExpressionAttributeValues: { ':user': keys.userPartition(userId) },
    Limit: ctx.pageSize,
  });
  for await (const items of pages) {
    const nowMs = ctx.now();
    for (const item of items) if (isLive(item, nowMs)) connections.push(itemToConnection(item));
  }
  return connections;
}
