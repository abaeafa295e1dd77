/** Table creation for local use (the local gateway, tests, the bench); infra uses Terraform. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { ConnectionStoreError, translateSdkError } from './errors.js';
import { type ConnectionTableDefinition, TTL_ATTRIBUTE } from './table.js';

/** What `createTableIfMissing` did. */
export interface CreateTableResult {
  /** False when the table was already there. */
  created: boolean;
  /** `unsupported` on servers without `UpdateTimeToLive` (dynalite): records never expire there. */
  ttl: 'enabled' | 'unsupported';
}

export interface CreateTableOptions {
  /** How long to wait for the table to become ACTIVE. @default 30000 */
  timeoutMs?: number;
}

/**
 * Creates the table unless it exists, waits until it is ACTIVE, and enables TTL on
 * `TTL_ATTRIBUTE`. Safe to call on every start.
 * @example
 * await createTableIfMissing(client, connectionTableDefinition('connections'));
 */
export async function createTableIfMissing(
  client: DynamoDBClient,
  definition: ConnectionTableDefinition,
  options: CreateTableOptions = {},
): Promise<CreateTableResult> {
  const { TableName } = definition;
  let created = true;
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) {
      throw translateSdkError(`createTable ${TableName}`, error);
    }
    created = false;
  }
  await waitUntilActive(client, TableName, options.timeoutMs ?? 30_000);
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'UnknownOperationException')
      return { created, ttl: 'unsupported' };
    // Enabling TTL twice is refused by DynamoDB; it is on, which is what we want.
    if (!(error instanceof Error && /already enabled/i.test(error.message))) {
      throw translateSdkError(`updateTimeToLive ${TableName}`, error);
    }
  }
  return { created, ttl: 'enabled' };
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 1000)) {
    let status: string | undefined;
    try {
      status = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus;
    } catch (error) {
      throw translateSdkError(`describeTable ${tableName}`, error);
    }
    if (status === 'ACTIVE') return;
    if (Date.now() + delayMs > deadline) {
      throw new ConnectionStoreError(
        'STORE_FAILED',
        `table ${tableName} not ACTIVE after ${timeoutMs} ms (${status})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
