/**
 * Domain records and the store's public interface. Items in the table have their own shape
 * (`items.ts`); these are what callers see.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A live WebSocket connection as the `$connect` handler recorded it. */
export interface Connection {
  connectionId: string;
  userId: string;
  connectedAtMs: number;
  sourceIp?: string;
  /** When DynamoDB TTL may delete the record (epoch seconds). */
  expiresAtSeconds: number;
}

/** What `putConnection` takes; the store stamps times and TTL. */
export interface NewConnection {
  connectionId: string;
  userId: string;
  sourceIp?: string;
  /** @default now() */
  connectedAtMs?: number;
}

/** One connection's membership in one room. */
export interface RoomMembership {
  room: string;
  connectionId: string;
  userId: string;
  joinedAtMs: number;
  expiresAtSeconds: number;
}

export const jobStatuses = ['accepted', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** Allowed moves; anything else (backwards, sideways, repeated) is refused by the table. */
export const jobTransitions = {
  accepted: ['running', 'failed'],
  running: ['completed', 'failed'],
  completed: [],
  failed: [],
} as const satisfies Record<JobStatus, readonly JobStatus[]>;

/** A unit of work a client asked for; the notify workflow reports its outcome. */
export interface Job {
  jobId: string;
  ownerUserId: string;
  /** The connection that submitted it (the workflow notifies all the owner's connections). */
  connectionId: string;
  status: JobStatus;
  /** What the client sent with the job; any JSON value. */
  input?: unknown;
  /** Set with `completed`. */
  result?: unknown;
  /** Set with `failed`; safe to show a client. */
  error?: string;
  /**
   * When the owner was told the outcome (`markJobNotified`): a repeated notify step that finds
   * it set does not post again.
   */
  notifiedAtMs?: number;
  createdAtMs: number;
  updatedAtMs: number;
  expiresAtSeconds: number;
}

export interface NewJob {
  jobId: string;
  ownerUserId: string;
  connectionId: string;
  input?: unknown;
}

/** What a transition may write besides the status. */
export interface JobTransitionDetails {
  result?: unknown;
  error?: string;
}

/** What `removeConnection` found and removed. */
export interface RemovedConnection {
  /** The connection record, if there was one. */
  connection?: Connection;
  /** Rooms the connection was in. */
  rooms: string[];
  /** Items deleted (record + both sides of each membership). */
  deletedItems: number;
}

/** Backoff of `BatchWriteItem` retries (unprocessed items, throttling). */
export interface RetryOptions {
  /** @default 8 */
  maxAttempts?: number;
  /** @default 50 */
  baseDelayMs?: number;
  /** @default 2000 */
  maxDelayMs?: number;
}

export interface ConnectionStoreOptions {
  /** The process's one client; a plain client is wrapped in a document client. */
  client: DynamoDBClient | DynamoDBDocumentClient;
  tableName: string;
  /** Clock in epoch milliseconds. @default Date.now */
  now?: () => number;
  /** `Limit` of each `Query` page. @default 100 */
  pageSize?: number;
  /**
   * Partitions each room's members are spread over, by a hash of the connection id; one per
   * deployment (changing it on a live table hides the memberships written before, until their
   * connections end: at most 2 h 15 min). 1 keeps the key of before sharding (`ROOM#<room>`), so
   * a table written then keeps working. From 1 to 100.
   * @default 8 (about 8,000 joins a second into one room; see the README's data model)
   */
  roomShards?: number;
  /**
   * Added to API Gateway's 2-hour maximum connection duration to give a record's TTL: a
   * record older than that belongs to a connection that no longer exists.
   * @default 900 (15 minutes)
   */
  connectionTtlSlackSeconds?: number;
  /** How long a job record is kept. @default 86400 (1 day) */
  jobTtlSeconds?: number;
  retry?: RetryOptions;
  /** Waits between retries; injectable so tests need not sleep. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** Options of one paginated read. */
export interface PageOptions {
  /** @default the store's pageSize */
  pageSize?: number;
}

/** Every read and write of connections, rooms, users and jobs. */
export interface ConnectionStore {
  readonly tableName: string;
  /** Shards per room (the `roomShards` option): `roomShardPages` takes 0 to this minus 1. */
  readonly roomShardCount: number;
  /** Records a connection; refuses to overwrite one (`ConnectionExistsError`). */
  putConnection(connection: NewConnection): Promise<Connection>;
  /** The live record, or undefined (also once past its TTL, before DynamoDB deletes it). */
  getConnection(connectionId: string): Promise<Connection | undefined>;
  /** Deletes the record only (not memberships); true if there was one. Idempotent. */
  deleteConnection(connectionId: string): Promise<boolean>;
  /**
   * Adds a connection to a room (idempotent: a re-join refreshes the membership and is not
   * counted again); `ConnectionNotFoundError` if it is not live.
   */
  joinRoom(connectionId: string, room: string): Promise<RoomMembership>;
  /** Removes a connection from a room; true if it was a member. Idempotent. */
  leaveRoom(connectionId: string, room: string): Promise<boolean>;
  /**
   * Live members of a room, one paginated `Query` page at a time, shard after shard (a page
   * holds members of one shard, so it may be shorter than `pageSize`). Every live member once.
   */
  roomMemberPages(room: string, options?: PageOptions): AsyncIterable<RoomMembership[]>;
  /** Live members of a room, one by one (pages fetched lazily). */
  roomMembers(room: string, options?: PageOptions): AsyncIterable<RoomMembership>;
  /**
   * Live members of one shard of a room (0 to `roomShardCount - 1`), page by page: one slice
   * for one fan-out worker. `ShardOutOfRangeError` for another shard number.
   * @example
   * for (let shard = 0; shard < store.roomShardCount; shard++) await enqueueSlice(room, shard);
   * // in the worker:
   * for await (const page of store.roomShardPages(room, shard)) await post(page);
   */
  roomShardPages(room: string, shard: number, options?: PageOptions): AsyncIterable<RoomMembership[]>;
  /**
   * Members of a room as counted at join and leave: an upper bound of its live members, since a
   * membership that TTL removes (a lost `$disconnect`) is not subtracted. It falls back to the
   * exact figure at the latest 2 h 15 min after the room's last join. Memberships written before
   * counts existed are not included until they join again.
   */
  roomMemberCount(room: string): Promise<number>;
  /** Rooms a connection is in. */
  roomsOf(connectionId: string): Promise<string[]>;
  /** Live connections of a user, through the user index (eventually consistent). */
  connectionsOfUser(userId: string): Promise<Connection[]>;
  /** Deletes a connection and every membership; idempotent. For `$disconnect` and GoneException. */
  removeConnection(connectionId: string): Promise<RemovedConnection>;
  /** Records a job as `accepted`; `JobExistsError` if the id is taken. */
  createJob(job: NewJob): Promise<Job>;
  getJob(jobId: string): Promise<Job | undefined>;
  /**
   * Moves a job forward; `InvalidJobTransitionError` if its current status does not allow it,
   * `JobNotFoundError` if there is no such job.
   */
  transitionJob(jobId: string, to: JobStatus, details?: JobTransitionDetails): Promise<Job>;
  /**
   * Records that the job's outcome was posted to its owner: sets `notifiedAtMs` once (a repeated
   * call keeps the first time, so an SDK retry of an applied write is harmless).
   * `JobNotFoundError` if there is no such job.
   */
  markJobNotified(jobId: string): Promise<Job>;
}
