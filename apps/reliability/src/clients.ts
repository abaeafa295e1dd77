import WebSocket from 'ws';
import { WaitTimeoutError } from './errors.js';

/** A frame a client received, parsed when it is JSON. */
export interface ReceivedFrame {
  text: string;
  json?: Record<string, unknown>;
}

/** A real `ws` client that keeps every frame it receives, for counting deliveries. */
export interface TestClient {
  ws: WebSocket;
  frames: ReceivedFrame[];
  /** Sends one JSON message. */
  send(message: Record<string, unknown>): void;
  /** Resolves with the first frame (already received or coming) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (frame: ReceivedFrame) => boolean, timeoutMs?: number): Promise<ReceivedFrame>;
  /** Frames whose JSON `type` is `type`. */
  framesOfType(type: string): ReceivedFrame[];
  /** API Gateway error frames (`{"message": ...}`) and protocol `error` events. */
  errors(): ReceivedFrame[];
  /** Destroys the TCP socket without a close frame: the gateway sees a drop. */
  drop(): void;
  /** Resolves once the socket is closed, with the code the client saw. */
  closed: Promise<number>;
}

function parse(text: string): ReceivedFrame {
  try {
    const json = JSON.parse(text) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json)
      ? { text, json: json as Record<string, unknown> }
      : { text };
  } catch {
    return { text };
  }
}

/** Opens a client; rejects with the HTTP status of a refused handshake. */
export function openClient(
  url: string,
  options: { tag?: string; timeoutMs?: number } = {},
): Promise<TestClient> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    // The tag lets a scenario match its client to the connection id $connect recorded.
    const ws = new WebSocket(url, options.tag ? { headers: { 'x-test-client': options.tag } } : {});
    const frames: ReceivedFrame[] = [];
    const waiters = new Set<(frame: ReceivedFrame) => void>();
    const closed = new Promise<number>((resolveClosed) => ws.once('close', (code) => resolveClosed(code)));
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new WaitTimeoutError(`handshake with ${url} took over ${timeoutMs} ms`));
    }, timeoutMs);
    ws.on('message', (data) => {
      const frame = parse(data.toString());
      frames.push(frame);
      for (const waiter of waiters) waiter(frame);
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`handshake refused: HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.once('open', () => {
      clearTimeout(timer);
      // After the handshake a socket error (a drop) is not a failure of the client's user.
      ws.on('error', () => {});
      resolve({
        ws,
        frames,
        closed,
        send: (message) => ws.send(JSON.stringify(message)),
        waitFor(match, waitMs = 10_000) {
          const found = frames.find(match);
          if (found) return Promise.resolve(found);
          return new Promise((resolveFrame, rejectFrame) => {
            const waitTimer = setTimeout(() => {
              waiters.delete(check);
              rejectFrame(
                new WaitTimeoutError(`no matching frame within ${waitMs} ms (${frames.length} received)`),
              );
            }, waitMs);
            const check = (frame: ReceivedFrame) => {
              if (!match(frame)) return;
              clearTimeout(waitTimer);
              waiters.delete(check);
              resolveFrame(frame);
            };
            waiters.add(check);
          });
        },
        framesOfType: (type) => frames.filter((frame) => frame.json?.type === type),
        errors: () =>
          frames.filter((frame) => frame.json?.type === 'error' || frame.json?.message !== undefined),
        drop: () => ws.terminate(),
      });
    });
  });
}

/** Opens `count` clients tagged `c0`, `c1`, ..., at most `concurrency` handshakes at a time. */
export async function openClients(url: string, count: number, concurrency = 50): Promise<TestClient[]> {
  const clients: TestClient[] = new Array(count);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < count) {
      const index = nextIndex++;
      clients[index] = await openClient(url, { tag: `c${index}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return clients;
}

/** Sends a request with a fresh `requestId` and waits for the reply frame that echoes it. */
export async function request(
  client: TestClient,
  message: Record<string, unknown>,
  timeoutMs = 15_000,
): Promise<ReceivedFrame> {
  const requestId = `r${Math.random().toString(36).slice(2, 12)}`;
  client.send({ ...message, requestId });
  return client.waitFor((frame) => frame.json?.requestId === requestId, timeoutMs);
}

/** Runs `task` over `items`, at most `concurrency` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Polls `condition` every `intervalMs` until it holds; rejects with `what` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new WaitTimeoutError(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
