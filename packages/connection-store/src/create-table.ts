/** Table creation for local use (the local gateway, tests, the bench); infra uses Terraform. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
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
  return { created, ttl: await enableTtl(client, TableName) };
}

/**
 * Enables TTL unless it is on: DynamoDB refuses a second `UpdateTimeToLive` within an hour
 * with a ValidationException, so look first.
 */
async function enableTtl(client: DynamoDBClient, TableName: string): Promise<CreateTableResult['ttl']> {
  try {
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName }));
    const status = TimeToLiveDescription?.TimeToLiveStatus;
    if (
      (status === 'ENABLED' || status === 'ENABLING') &&
      TimeToLiveDescription?.AttributeName === TTL_ATTRIBUTE
    ) {
      return 'enabled';
    }
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
    return 'enabled';
  } catch (error) {
    // dynalite answers DescribeTimeToLive (always DISABLED) but has no UpdateTimeToLive.
    if (error instanceof Error && error.name === 'UnknownOperationException') return 'unsupported';
    throw translateSdkError(`enable TTL on ${TableName}`, error);
  }
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
