import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { LatencyHistogram, type LatencySummary } from './histogram.js';

/** One open client connection and the frame handler the current phase has installed. */
export interface LoadConnection {
  index: number;
  socket: WebSocket;
  /** Set when the server or the network closed it before the run ended. */
  closedEarly: boolean;
  /** Set once the load generator itself starts closing it. */
  closing: boolean;
  onFrame: (text: string, receivedAt: number) => void;
}

/** How the connect phase went. */
export interface ConnectReport {
  requested: number;
  opened: number;
  failed: number;
  /** Opened connections per second over the connect phase. */
  perSecond: number;
  elapsedMs: number;
  /** Opening handshake time per successful connection. */
  handshakeMs: LatencySummary;
  /** Failure reasons with counts, e.g. `{ 'Unexpected server response: 401': 3 }`. */
  errors: Record<string, number>;
}

export interface OpenConnectionsOptions {
  url: string;
  count: number;
  concurrency: number;
  handshakeTimeoutMs: number;
  /** Attempts not started by then are not made. */
  deadline: number;
  /** Called after every attempt, for progress. */
  onAttempt?: (opened: number, failed: number) => void;
  /** Called when an opened connection closes before `closeConnections`. */
  onEarlyClose?: (connection: LoadConnection) => void;
}

/**
 * Opens up to `count` connections with at most `concurrency` handshakes in flight. Failures are
 * counted by reason, never thrown.
 */
export async function openConnections(
  options: OpenConnectionsOptions,
): Promise<{ connections: LoadConnection[]; report: ConnectReport }> {
  const connections: LoadConnection[] = [];
  const errors: Record<string, number> = {};
  const handshake = new LatencyHistogram();
  let next = 0;
  let failed = 0;
  const started = performance.now();

  const attempt = async (index: number) => {
    const t0 = performance.now();
    try {
      const connection = await connectOne(options, index);
      handshake.recordMs(performance.now() - t0);
      connections.push(connection);
    } catch (error) {
      failed += 1;
      const reason = (error as Error).message || String(error);
      errors[reason] = (errors[reason] ?? 0) + 1;
    }
    options.onAttempt?.(connections.length, failed);
  };
  const worker = async () => {
    while (next < options.count && performance.now() < options.deadline) {
      await attempt(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, worker));

  const elapsedMs = performance.now() - started;
  connections.sort((a, b) => a.index - b.index);
  return {
    connections,
    report: {
      requested: options.count,
      opened: connections.length,
      failed: failed + (options.count - next),
      perSecond: elapsedMs > 0 ? (connections.length * 1000) / elapsedMs : 0,
      elapsedMs,
      handshakeMs: handshake.summary(),
      errors:
        next < options.count
          ? { ...errors, 'not attempted: --duration reached': options.count - next }
          : errors,
    },
  };
}

function connectOne(options: OpenConnectionsOptions, index: number): Promise<LoadConnection> {
  return new Promise((resolve, reject) => {
    // No compression: API Gateway negotiates none, and the ceiling must not get it either.
    const socket = new WebSocket(options.url, {
      perMessageDeflate: false,
      handshakeTimeout: options.handshakeTimeoutMs,
    });
    const connection: LoadConnection = {
      index,
      socket,
      closedEarly: false,
      closing: false,
      onFrame: () => {},
    };
    let open = false;
    socket.on('message', (data, isBinary) => {
      connection.onFrame(isBinary ? '' : data.toString(), performance.now());
    });
    socket.once('open', () => {
      open = true;
      resolve(connection);
    });
    socket.on('error', (error) => {
      if (!open) reject(error);
    });
    socket.once('close', () => {
      if (!open) return reject(new Error('closed during the opening handshake'));
      if (!connection.closing) {
        connection.closedEarly = true;
        options.onEarlyClose?.(connection);
      }
    });
  });
}

/** Closes every connection, waiting up to `timeoutMs` for close handshakes, then terminates. */
export async function closeConnections(connections: LoadConnection[], timeoutMs = 2000): Promise<void> {
  const closing = connections.map((connection) => {
    connection.closing = true;
    const { socket } = connection;
    if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.close(1000);
    });
  });
  await Promise.all(closing);
}
