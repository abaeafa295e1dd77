import { openTestClient, type ReceivedFrame, type TestClient } from '@switchboard/local-gateway/testing';
import { WaitTimeoutError } from './errors.js';

export type { ReceivedFrame, TestClient } from '@switchboard/local-gateway/testing';

/**
 * Opens a client (the gateway's shared test client); rejects with the HTTP status of a refused
 * handshake. The tag lets a scenario match its client to the connection id `$connect` recorded.
 */
export function openClient(
  url: string,
  options: { tag?: string; timeoutMs?: number } = {},
): Promise<TestClient> {
  return openTestClient(url, {
    headers: options.tag ? { 'x-test-client': options.tag } : {},
    timeoutMs: options.timeoutMs ?? 15_000,
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
