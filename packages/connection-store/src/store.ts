/** The store: the operations of each concern bound to one context. */
import { connectionsOfUser, deleteConnection, getConnection, putConnection } from './connections.js';
import { createContext } from './context.js';
import { createJob, getJob, markJobNotified, transitionJob } from './jobs.js';
import { removeConnection } from './remove-connection.js';
import { roomMemberCount } from './room-count.js';
import { roomMemberPages, roomMembers, roomShardPages } from './room-members.js';
import { joinRoom, leaveRoom, roomsOf } from './rooms.js';
import type { ConnectionStore, ConnectionStoreOptions } from './types.js';

/**
 * Builds the store over the caller's client and table name (no globals: create the client once
 * per process, outside the Lambda handler, and pass it in).
 * @example
 * const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
 * const store = createConnectionStore({ client, tableName: process.env.TABLE_NAME! });
 * await store.putConnection({ connectionId, userId });
 * await store.joinRoom(connectionId, 'lobby');
 * for await (const page of store.roomMemberPages('lobby')) await notify(page);
 */
export function createConnectionStore(options: ConnectionStoreOptions): ConnectionStore {
  const ctx = createContext(options);
  return {
    tableName: ctx.tableName,
    roomShardCount: ctx.roomShards,
    putConnection: (connection) => putConnection(ctx, connection),
    getConnection: (connectionId) => getConnection(ctx, connectionId),
    deleteConnection: (connectionId) => deleteConnection(ctx, connectionId),
    joinRoom: (connectionId, room) => joinRoom(ctx, connectionId, room),
    leaveRoom: (connectionId, room) => leaveRoom(ctx, connectionId, room),
    roomMemberPages: (room, pageOptions) => roomMemberPages(ctx, room, pageOptions),
    roomMembers: (room, pageOptions) => roomMembers(ctx, room, pageOptions),
    roomShardPages: (room, shard, pageOptions) => roomShardPages(ctx, room, shard, pageOptions),
    roomMemberCount: (room) => roomMemberCount(ctx, room),
    roomsOf: (connectionId) => roomsOf(ctx, connectionId),
    connectionsOfUser: (userId) => connectionsOfUser(ctx, userId),
    removeConnection: (connectionId) => removeConnection(ctx, connectionId),
    createJob: (job) => createJob(ctx, job),
    getJob: (jobId) => getJob(ctx, jobId),
    transitionJob: (jobId, to, details) => transitionJob(ctx, jobId, to, details),
    markJobNotified: (jobId) => markJobNotified(ctx, jobId),
  };
}
