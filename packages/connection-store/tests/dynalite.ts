/**
 * Test harness: dynalite and real SDK clients (src/testing), and the connection table created
 * from the package's own definition.
 */
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ConnectionStore, ConnectionStoreOptions } from '../src/index.js';
import { connectionTableDefinition, createConnectionStore, createTableIfMissing } from '../src/index.js';
import type { LocalDynamo } from '../src/testing/index.js';

export { type LocalDynamo, localClient, recordCommands, startDynalite } from '../src/testing/index.js';

let tableCounter = 0;

/** A fresh table (unique name) and a store over it; options override the store's defaults. */
export async function createTestStore(
  dynamo: LocalDynamo,
  options: Partial<ConnectionStoreOptions> = {},
): Promise<ConnectionStore> {
  tableCounter += 1;
  const tableName = `connections-test-${process.pid}-${tableCounter}`;
  await createTableIfMissing(dynamo.client, connectionTableDefinition(tableName));
  return createConnectionStore({ client: dynamo.client, tableName, ...options });
}

/** Every item of the table as `pk sk`, sorted (a Scan is fine in a test, never in the store). */
export async function tableKeys(dynamo: LocalDynamo, tableName: string): Promise<string[]> {
  const keys: string[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) keys.push(`${item.pk?.S} ${item.sk?.S}`);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return keys.sort();
}

/** Drains an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

/** A clock the test moves by hand. */
export function manualClock(startMs = Date.UTC(2026, 0, 1, 12, 0, 0)) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms: number) => {
      nowMs += ms;
    },
    set: (ms: number) => {
      nowMs = ms;
    },
  };
}
