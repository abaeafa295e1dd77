/** dynalite on 127.0.0.1 port 0 with the connection table, through the real SDK. */
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type ConnectionStore,
  connectionTableDefinition,
  createConnectionStore,
  createTableIfMissing,
} from '@switchboard/connection-store';
import dynalite from 'dynalite';

export interface LocalTable {
  endpoint: string;
  tableName: string;
  /** A store over the table, for arranging and asserting. */
  store: ConnectionStore;
  close(): Promise<void>;
}

let counter = 0;

export async function startLocalTable(): Promise<LocalTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint });
  counter += 1;
  const tableName = `connections-${process.pid}-${counter}`;
  await createTableIfMissing(client, connectionTableDefinition(tableName));
  return {
    endpoint,
    tableName,
    store: createConnectionStore({ client, tableName }),
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Drains an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}
