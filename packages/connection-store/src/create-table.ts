import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ConnectionTableDefinition } from './table.js';

/** What `createTableIfMissing` did. */
export interface CreateTableResult {
  created: boolean;
  /** `unsupported` on servers without `UpdateTimeToLive` (dynalite). */
  ttl: 'enabled' | 'unsupported';
}

/** Creates the table (and enables TTL) unless it exists; waits until it is ACTIVE. For local use. */
export async function createTableIfMissing(
  client: DynamoDBClient,
  definition: ConnectionTableDefinition,
): Promise<CreateTableResult> {
  throw new Error(`createTableIfMissing: not implemented yet (${definition.TableName}, ${typeof client})`);
}
