import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** dynalite in memory on 127.0.0.1, port 0. */
export interface DynaliteServer {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite in this process, for a scenario that puts something (a fault proxy) between
 * the gateway and its table; the gateway then gets the proxy as `dynamoEndpoint` and creates its
 * tables through it.
 */
export async function startDynalite(): Promise<DynaliteServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // The functions' SDK clients keep sockets alive; close() alone would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
