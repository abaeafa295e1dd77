import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DynamoStartError } from './errors.js';

/** DynamoDB's billable requests, as counted at the endpoint. */
export interface DynamoRequestCounts {
  reads: number;
  writes: number;
  /** One per 4 KB read (a strongly consistent read; eventually consistent ones cost half). */
  readUnits: number;
  /** One per 1 KB of request written (the item plus its request envelope: an upper bound). */
  writeUnits: number;
}

/** dynalite listening in its own thread. */
export interface DynaliteThread {
  port: number;
  /** Read and write requests served so far, with their approximate request units. */
  requestCounts(): Promise<DynamoRequestCounts>;
  /** Closes the server (and with it the database, flushing a `dataDir`), then ends the thread. */
  close(): Promise<void>;
}

const DYNALITE_YOUNG_GENERATION_MB = 8;

// How long close() waits for the thread to close its database before terminating it.
const CLOSE_TIMEOUT_MS = 5000;

// The thread's code, evaluated as CommonJS: a separate .mjs would need its own copy step into
// dist/, and this is all it does. dynalite is required by absolute path, resolved here.
const THREAD_SOURCE = `
const { mkdirSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalitePath);
const { dataDir } = workerData;
try {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Tables are ACTIVE at once: nothing to gain from dynalite's default 500 ms of CREATING.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir ? { path: dataDir } : {}) });
  server.once('error', (error) => parentPort.postMessage({ type: 'error', message: error.message }));
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
  // What DynamoDB would bill, counted here, off the gateway's main thread: write units by
  // request size (1 KB each), read units by response size (4 KB each), as an approximation.
  const counts = { reads: 0, writes: 0, readUnits: 0, writeUnits: 0 };
  const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
  const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
  server.prependListener('request', (req, res) => {
    const operation = String(req.headers['x-amz-target'] || '').split('.')[1] || '';
    const factor = operation.startsWith('Transact') ? 2 : 1;
    if (WRITES.has(operation)) {
      counts.writes += 1;
      counts.writeUnits += factor * Math.max(1, Math.ceil(Number(req.headers['content-length'] || 0) / 1024));
    } else if (READS.has(operation)) {
      let bytes = 0;
      const write = res.write;
      const end = res.end;
      res.write = function (chunk, ...rest) {
        if (chunk && typeof chunk !== 'function') bytes += chunk.length;
        return write.call(this, chunk, ...rest);
      };
      res.end = function (chunk, ...rest) {
        if (chunk && typeof chunk !== 'function') bytes += chunk.length;
        counts.reads += 1;
        counts.readUnits += factor * Math.max(1, Math.ceil(bytes / 4096));
        return end.call(this, chunk, ...rest);
      };
    }
  });
  parentPort.on('message', (message) => {
    if (message === 'counts') return parentPort.postMessage({ type: 'counts', counts });
    if (message !== 'close') return;
    // Functions' SDK clients keep sockets alive; close() alone would wait for them.
    server.closeAllConnections();
    server.close(() => parentPort.close());
  });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
`;

/**
 * Starts dynalite (in memory, or on disk under `dataDir`) on 127.0.0.1 in a worker thread.
 *
 * Why a thread: every store read and write (each `$connect`, `join`, `send`) is parsed,
 * validated and served by dynalite in JavaScript; on the gateway's main thread that work
 * competed with WebSocket frames and `@connections` posts. In its own thread it runs on another
 * core and stays in the gateway's process (one RSS, one lifetime).
 */
export function startDynaliteThread(dataDir: string | undefined): Promise<DynaliteThread> {
  const dynalitePath = createRequire(join(import.meta.dirname, 'resolve.js')).resolve('dynalite');
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { dynalitePath, dataDir },
    name: 'dynalite',
    // dynalite allocates a lot per request; with V8's default young generation its heap grew to
    // 170 MB (40 MB live) over four rounds of 1,000 connects, with 8 MB it stays near 40 MB at
    // the same throughput. The old generation is not bounded: in memory, the data lives there.
    resourceLimits: { maxYoungGenerationSizeMb: DYNALITE_YOUNG_GENERATION_MB },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const close = async () => {
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const requestCounts = () =>
    new Promise<DynamoRequestCounts>((resolve) => {
      const onMessage = (message: { type: string; counts?: DynamoRequestCounts }) => {
        if (message.type !== 'counts') return;
        worker.off('message', onMessage);
        resolve(message.counts!);
      };
      worker.on('message', onMessage);
      worker.postMessage('counts');
    });

  return new Promise<DynaliteThread>((resolve, reject) => {
    const fail = (message: string, cause?: unknown) => {
      void worker.terminate();
      reject(new DynamoStartError(`dynalite could not listen: ${message}`, { cause }));
    };
    worker.once('error', (error) => fail(error.message, error));
    worker.once('exit', (code) => fail(`its thread exited with status ${code}`));
    worker.on('message', (message: { type: string; port?: number; message?: string }) => {
      if (message.type === 'counts') return;
      if (message.type === 'listening') resolve({ port: message.port!, close, requestCounts });
      else if (message.type === 'error') fail(message.message ?? 'unknown error');
    });
  });
}
