/**
 * Test harness: dynalite on 127.0.0.1 port 0, the real AWS SDK v3 client pointed at it with
 * fake credentials, and the connection table created from the package's own definition.
 */
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { connectionTableDefinition, createConnectionStore, createTableIfMissing } from '../src/index.js';
import type { ConnectionStore, ConnectionStoreOptions } from '../src/index.js';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

/** A real SDK client for a local endpoint, with fake credentials. */
export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
  });
}

/** Records the name of every command the client sends (document client commands included). */
export function recordCommands(client: DynamoDBClient): string[] {
  const names: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      names.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return names;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

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
