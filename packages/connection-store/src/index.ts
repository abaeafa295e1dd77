/**
 * @switchboard/connection-store: the DynamoDB table definition and every read and write of
 * connections, rooms, users and jobs. Server-only (AWS SDK v3), so one entry point.
 */
export {
  ConnectionExistsError,
  ConnectionNotFoundError,
  ConnectionStoreError,
  type ConnectionStoreErrorCode,
  ConnectionStoreThrottledError,
  connectionStoreErrorCodes,
  InvalidJobTransitionError,
  isConditionalCheckFailed,
  isThrottlingError,
  JobExistsError,
  JobNotFoundError,
  ShardOutOfRangeError,
  UnprocessedItemsError,
} from './errors.js';
export { DEFAULT_ROOM_SHARDS, MAX_ROOM_SHARDS, shardOfConnection } from './shards.js';
export { createConnectionStore } from './store.js';
export { type CreateTableOptions, type CreateTableResult, createTableIfMissing } from './create-table.js';
export {
  type ConnectionTableDefinition,
  connectionTable,
  connectionTableDefinition,
  DEFAULT_TABLE_NAME,
  keyAttributes,
  TTL_ATTRIBUTE,
  USER_INDEX_NAME,
} from './table.js';
export {
  type Connection,
  type ConnectionStore,
  type ConnectionStoreOptions,
  type Job,
  type JobStatus,
  type JobTransitionDetails,
  jobStatuses,
  jobTransitions,
  type NewConnection,
  type NewJob,
  type PageOptions,
  type RemovedConnection,
  type RetryOptions,
  type RoomMembership,
} from './types.js';
