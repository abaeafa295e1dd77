/** dynalite on 127.0.0.1 port 0 with the connection table, through the real SDK. */
import {
  type ConnectionStore,
  connectionTableDefinition,
  createConnectionStore,
  createTableIfMissing,
} from '@switchboard/connection-store';
import { startDynalite } from '@switchboard/connection-store/testing';

export interface LocalTable {
  endpoint: string;
  tableName: string;
  /** A store over the table, for arranging and asserting. */
  store: ConnectionStore;
  close(): Promise<void>;
}

let counter = 0;

export async function startLocalTable(): Promise<LocalTable> {
  const dynamo = await startDynalite();
  const { endpoint, client } = dynamo;
  counter += 1;
  const tableName = `connections-${process.pid}-${counter}`;
  await createTableIfMissing(client, connectionTableDefinition(tableName));
  return {
    endpoint,
    tableName,
    store: createConnectionStore({ client, tableName }),
    close: () => dynamo.close(),
  };
}

/** Drains an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}
