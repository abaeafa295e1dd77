import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoService, DynamoServiceOptions } from '../contracts.js';
import { prepareDataDir } from './data-dir.js';
import { startDynaliteThread } from './dynalite-thread.js';
import { DynamoStartError } from './errors.js';

/** What happened to each manifest table at start. */
export interface TableStartResult {
  tableName: string;
  created: boolean;
  /** `unsupported`: the server has no UpdateTimeToLive (dynalite), so items never expire. */
  ttl: 'enabled' | 'unsupported' | 'not-requested';
}

export interface StartedDynamoService extends DynamoService {
  tables: TableStartResult[];
}

const ACTIVE_TIMEOUT_MS = 30_000;

/**
 * DynamoDB for the gateway: dynalite embedded in this process, in a thread of its own, on
 * 127.0.0.1 (in memory, or on disk under `dataDir`), or any DynamoDB-compatible
 * `externalEndpoint`. Creates the manifest's
 * tables when missing and waits until they are ACTIVE.
 *
 * A table input may carry a `TimeToLiveSpecification` (not part of CreateTable): it is applied
 * with UpdateTimeToLive where the server supports it.
 *
 * @example
 * const dynamo = await startDynamo({ tables: manifest.tables, region: 'us-east-1', credentials });
 * env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
 */
export async function startDynamo(options: DynamoServiceOptions): Promise<StartedDynamoService> {
  if (!options.externalEndpoint && options.dataDir) prepareDataDir(options.dataDir);
  const dynalite = options.externalEndpoint ? undefined : await startDynaliteThread(options.dataDir);
  const endpoint = options.externalEndpoint ?? `http://127.0.0.1:${dynalite!.port}`;
  const close = async () => {
    await dynalite?.close();
  };

  const client = new DynamoDBClient({ endpoint, region: options.region, credentials: options.credentials });
  try {
    const tables: TableStartResult[] = [];
    for (const table of options.tables) tables.push(await createTableIfMissing(client, table));
    return { endpoint, tables, close, ...(dynalite ? { requestCounts: dynalite.requestCounts } : {}) };
  } catch (error) {
    await close();
    throw error;
  } finally {
    client.destroy();
  }
}

async function createTableIfMissing(
  client: DynamoDBClient,
  table: DynamoServiceOptions['tables'][number],
): Promise<TableStartResult> {
  const { TimeToLiveSpecification: ttlSpec, ...input } = table as typeof table & {
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  };
  const tableName = table.TableName;
  let created = true;
  try {
    await client.send(new CreateTableCommand(input as unknown as CreateTableCommandInput));
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') {
      throw new DynamoStartError(`Cannot create table ${tableName}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    created = false; // already there (on disk, or an external server)
  }
  await waitUntilActive(client, tableName);
  if (!ttlSpec?.Enabled) return { tableName, created, ttl: 'not-requested' };
  try {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: ttlSpec }),
    );
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'UnknownOperationException') return { tableName, created, ttl: 'unsupported' };
    // DynamoDB refuses to enable TTL twice: it is on, which is what was asked.
    if (!/already enabled/i.test(message)) {
      throw new DynamoStartError(`Cannot enable TTL on ${tableName}: ${message}`, { cause: error });
    }
  }
  return { tableName, created, ttl: 'enabled' };
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 1000)) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() + delayMs > deadline) {
      throw new DynamoStartError(
        `Table ${tableName} not ACTIVE after ${ACTIVE_TIMEOUT_MS} ms (${Table?.TableStatus})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
