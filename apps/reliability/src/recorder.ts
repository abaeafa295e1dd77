import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WaitTimeoutError } from './errors.js';

/** One call a recorded function reported (see `fixtures/recorder/recorded.mjs`). */
export interface InvocationRecord {
  functionName: string;
  routeKey?: string;
  connectionId?: string;
  disconnectStatusCode?: number;
  requestId?: string;
  /** Fixture functions add their own fields (the call's `seq`, the fault they caused). */
  [field: string]: unknown;
}

/** An HTTP endpoint on 127.0.0.1 that functions in workers report their calls to. */
export interface Recorder {
  url: string;
  readonly records: readonly InvocationRecord[];
  /** Resolves once `predicate` holds for the records, or rejects with `WaitTimeoutError` after `timeoutMs`. */
  waitFor(predicate: (records: readonly InvocationRecord[]) => boolean, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a recorder on a free port. */
export async function startRecorder(): Promise<Recorder> {
  const records: InvocationRecord[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        records.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as InvocationRecord);
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(204).end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    records,
    waitFor(predicate, timeoutMs) {
      if (predicate(records)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new WaitTimeoutError(
              `recorder: condition not met within ${timeoutMs} ms (${records.length} records)`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (!predicate(records)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
