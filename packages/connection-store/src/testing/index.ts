/// <reference path="./dynalite-module.d.ts" />
/**
 * Test support for packages that need a real local DynamoDB: dynalite in memory on 127.0.0.1
 * port 0, real SDK clients pointed at it, and a proxy that injects DynamoDB's faults. One harness
 * for the store's own tests, the handlers' and the reliability suite. Node only; never imported by
 * the store itself.
 */
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

export {
  type DynamoFault,
  type DynamoFaultProxy,
  type FaultProxyOptions,
  type FaultProxyStats,
  type FaultRule,
  startDynamoFaultProxy,
} from './dynamo-fault-proxy.js';

export interface LocalDynamo {
  endpoint: string;
  /** A real SDK client for `endpoint` (destroyed by `close`). */
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

/**
 * Starts dynalite in memory on 127.0.0.1, port 0.
 * @example const dynamo = await startDynalite(); ...; await dynamo.close();
 */
export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = localClient(endpoint);
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => {
        // Other clients (functions' SDKs) may keep sockets alive; close() alone would wait.
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
