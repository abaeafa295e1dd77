/**
 * How records sit in the single table: key builders and the mapping between items and the
 * domain records of `types.ts`. The only file that knows the `CONN#`/`ROOM#`/`JOB#` layout.
 */
import { shardOfConnection } from './shards.js';
import { TTL_ATTRIBUTE } from './table.js';
import type { Connection, Job, JobStatus, RoomMembership } from './types.js';

/** A table key (`pk`, `sk`). */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** An item as the document client returns it. */
export type Item = Record<string, unknown>;

const META = 'META';
const CONN = 'CONN#';
const ROOM = 'ROOM#';
const JOB = 'JOB#';
const USER = 'USER#';
const COUNT = 'COUNT';

/**
 * Partition of one shard of a room. With one shard it is `ROOM#<room>`, the key of before
 * sharding, so a table written then reads the same. With more, `ROOM#<room>#<shard>`: the shard
 * is digits after the last `#`, so two rooms cannot share a partition even when a room name
 * contains `#`.
 */
function roomShardPartition(room: string, shard: number, shardCount: number): string {
  return shardCount === 1 ? ROOM + room : `${ROOM}${room}#${shard}`;
}

export const keys = {
  connection: (connectionId: string): ItemKey => ({ pk: CONN + connectionId, sk: META }),
  /** Room side of a membership, in the connection's shard: what fan-out queries. */
  member: (room: string, connectionId: string, shardCount: number): ItemKey => ({
    pk: roomShardPartition(room, shardOfConnection(connectionId, shardCount), shardCount),
    sk: CONN + connectionId,
  }),
  /**
   * The member count of one shard (see `room-count.ts`), in a partition of its own: a room
   * `Query` never meets it (nor does one of before sharding, still running during a deploy),
   * and its writes do not share the member partition's write units.
   */
  memberCount: (room: string, shard: number, shardCount: number): ItemKey => ({
    // `#COUNT` never ends a sharded member partition (digits do). With one shard, only a room
    // named `<room>#COUNT` (not a name the protocol allows) shares it; reads check `room`.
    pk: `${roomShardPartition(room, shard, shardCount)}#${COUNT}`,
    sk: COUNT,
  }),
  /** Connection side of a membership: what `roomsOf` and `removeConnection` query. */
  roomOfConnection: (connectionId: string, room: string): ItemKey => ({
    pk: CONN + connectionId,
    sk: ROOM + room,
  }),
  job: (jobId: string): ItemKey => ({ pk: JOB + jobId, sk: META }),
  roomShardPartition,
  connectionPartition: (connectionId: string) => CONN + connectionId,
  userPartition: (userId: string) => USER + userId,
  roomSortPrefix: ROOM,
} as const;

/** Drops undefined fields: the caller's document client may not be set to remove them. */
function defined<T extends Item>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as T;
}

export function connectionToItem(connection: Connection): Item {
  return defined({
    ...keys.connection(connection.connectionId),
    gsi1pk: keys.userPartition(connection.userId),
    gsi1sk: CONN + connection.connectionId,
    connectionId: connection.connectionId,
    userId: connection.userId,
    connectedAtMs: connection.connectedAtMs,
    sourceIp: connection.sourceIp,
    [TTL_ATTRIBUTE]: connection.expiresAtSeconds,
  });
}

export function itemToConnection(item: Item): Connection {
  const connection: Connection = {
    connectionId: item.connectionId as string,
    userId: item.userId as string,
    connectedAtMs: item.connectedAtMs as number,
    expiresAtSeconds: item[TTL_ATTRIBUTE] as number,
  };
  if (typeof item.sourceIp === 'string') connection.sourceIp = item.sourceIp;
  return connection;
}

/** The fields both items of a membership carry, so either side can answer. */
export function membershipFields(membership: RoomMembership): Item {
  return {
    room: membership.room,
    connectionId: membership.connectionId,
    userId: membership.userId,
    joinedAtMs: membership.joinedAtMs,
    [TTL_ATTRIBUTE]: membership.expiresAtSeconds,
  };
}

/**
 * Attribute of a room side naming the `joinRoom` call that created it. Its presence says the
 * member count includes this membership (items written before counts existed lack it); its value
 * lets an SDK retry of that call recognise its own write.
 */
export const JOIN_ID_ATTRIBUTE = 'joinId';

/** Attribute of a count item holding the shard's member count (`ADD`ed to). */
export const MEMBER_COUNT_ATTRIBUTE = 'memberCount';

/**
 * When a count item's current life began (epoch seconds). Every member it counted before it
 * expired had expired by then, so a member whose TTL is not after it belongs to a life before.
 */
export const COUNT_STARTED_ATTRIBUTE = 'countStartedAt';

export function itemToMembership(item: Item): RoomMembership {
  return {
    room: item.room as string,
    connectionId: item.connectionId as string,
    userId: item.userId as string,
    joinedAtMs: item.joinedAtMs as number,
    expiresAtSeconds: item[TTL_ATTRIBUTE] as number,
  };
}

export function jobToItem(job: Job): Item {
  const { expiresAtSeconds, ...fields } = job;
  return defined({ ...keys.job(job.jobId), ...fields, [TTL_ATTRIBUTE]: expiresAtSeconds });
}

export function itemToJob(item: Item): Job {
  const job: Job = {
    jobId: item.jobId as string,
    ownerUserId: item.ownerUserId as string,
    connectionId: item.connectionId as string,
    status: item.status as JobStatus,
    createdAtMs: item.createdAtMs as number,
    updatedAtMs: item.updatedAtMs as number,
    expiresAtSeconds: item[TTL_ATTRIBUTE] as number,
  };
  if (item.input !== undefined) job.input = item.input;
  if (item.result !== undefined) job.result = item.result;
  if (typeof item.error === 'string') job.error = item.error;
  if (typeof item.notifiedAtMs === 'number') job.notifiedAtMs = item.notifiedAtMs;
  return job;
}

/**
 * DynamoDB deletes expired items within days, not at once; until then reads must skip them
 * or a lost `$disconnect` keeps a dead connection in every fan-out.
 */
export function isLive(item: Item, nowMs: number): boolean {
  const expiresAt = item[TTL_ATTRIBUTE];
  return typeof expiresAt !== 'number' || expiresAt * 1000 > nowMs;
}
