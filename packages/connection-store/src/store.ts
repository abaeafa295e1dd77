import type { ConnectionStore, ConnectionStoreOptions } from './types.js';

/**
 * Builds the store over the caller's client and table name (no globals).
 * @example
 * const store = createConnectionStore({ client: new DynamoDBClient({}), tableName: process.env.TABLE_NAME! });
 * await store.putConnection({ connectionId, userId });
 */
export function createConnectionStore(options: ConnectionStoreOptions): ConnectionStore {
  throw new Error(`createConnectionStore: not implemented yet (${options.tableName})`);
}
