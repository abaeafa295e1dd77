import type WebSocket from 'ws';
import type { ClientOptions } from 'ws';
import { openClient, TestTimeoutError } from './sockets.js';

/** A frame a client received, parsed when it is a JSON object. */
export interface ReceivedFrame {
  text: string;
  json?: Record<string, unknown>;
}

/** A real `ws` client that keeps every frame it receives, to wait for one or count them. */
export interface TestClient {
  ws: WebSocket;
  frames: ReceivedFrame[];
  /** Sends one JSON message. */
  send(message: Record<string, unknown>): void;
  /** The first frame (already received or coming) that matches; rejects after `timeoutMs`. */
  waitFor(match: (frame: ReceivedFrame) => boolean, timeoutMs?: number): Promise<ReceivedFrame>;
  /** Frames whose JSON `type` is `type`. */
  framesOfType(type: string): ReceivedFrame[];
  /** API Gateway error frames (`{"message": ...}`) and protocol `error` events. */
  errors(): ReceivedFrame[];
  /** Destroys the TCP socket without a close frame: the gateway sees a drop. */
  drop(): void;
  /** Resolves once the socket is closed, with the code and reason the client saw. */
  closed: Promise<{ code: number; reason: string }>;
}

export interface TestClientOptions {
  /** Offered in `Sec-WebSocket-Protocol`. */
  protocols?: string | string[];
  /** Extra handshake headers. */
  headers?: Record<string, string>;
  /** @default 15000 */
  timeoutMs?: number;
  /** Anything else for the `ws` client. */
  client?: ClientOptions;
}

/** A frame as received: its text, and its JSON when it is an object. */
export function parseFrame(text: string): ReceivedFrame {
  try {
    const json = JSON.parse(text) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json)
      ? { text, json: json as Record<string, unknown> }
      : { text };
  } catch {
    return { text };
  }
}

/**
 * Opens a {@link TestClient}; rejects as {@link openClient} does (a refused handshake's status).
 * @example
 * const client = await openTestClient(address.webSocketUrl);
 * client.send({ action: 'join', room: 'lobby' });
 * await client.waitFor((frame) => frame.json?.type === 'joined');
 */
export async function openTestClient(url: string, options: TestClientOptions = {}): Promise<TestClient> {
  const ws = await openClient(url, options.protocols, {
    ...options.client,
    headers: { ...options.client?.headers, ...options.headers },
    timeoutMs: options.timeoutMs,
  });
  // After the handshake a socket error (a drop) is not a failure of the client's user.
  ws.on('error', () => {});
  const frames: ReceivedFrame[] = [];
  const waiters = new Set<(frame: ReceivedFrame) => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data) => {
    const frame = parseFrame(data.toString());
    frames.push(frame);
    for (const waiter of waiters) waiter(frame);
  });
  return {
    ws,
    frames,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    waitFor(match, timeoutMs = 10_000) {
      const found = frames.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new TestTimeoutError(`no matching frame within ${timeoutMs} ms (${frames.length} received)`),
          );
        }, timeoutMs);
        const check = (frame: ReceivedFrame) => {
          if (!match(frame)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(frame);
        };
        waiters.add(check);
      });
    },
    framesOfType: (type) => frames.filter((frame) => frame.json?.type === type),
    errors: () => frames.filter((frame) => frame.json?.type === 'error' || frame.json?.message !== undefined),
    drop: () => ws.terminate(),
  };
}
