import WebSocket, { type ClientOptions } from 'ws';

/** A handshake the gateway answered with an HTTP status instead of 101. */
export class HandshakeRefusedError extends Error {
  override name = 'HandshakeRefusedError';
  constructor(readonly status: number) {
    super(`handshake refused: HTTP ${status}`);
  }
}

/** A wait of a test client that ran out of time. */
export class TestTimeoutError extends Error {
  override name = 'TestTimeoutError';
}

/**
 * Opens a real `ws` client. Rejects with a {@link HandshakeRefusedError} (its `status`) when the
 * handshake is refused, and with a {@link TestTimeoutError} past `timeoutMs`.
 */
export function openClient(
  url: string,
  protocols?: string | string[],
  options: ClientOptions & { timeoutMs?: number } = {},
): Promise<WebSocket> {
  const { timeoutMs = 15_000, ...clientOptions } = options;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, clientOptions);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new TestTimeoutError(`handshake with ${url} took over ${timeoutMs} ms`));
    }, timeoutMs);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new HandshakeRefusedError(res.statusCode ?? 0));
      ws.terminate();
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The HTTP status a handshake ends with: 101 when it opens, else the refusal's status. */
export async function handshakeStatus(url: string, options?: ClientOptions): Promise<number> {
  try {
    const ws = await openClient(url, undefined, options);
    ws.close();
    return 101;
  } catch (error) {
    if (error instanceof HandshakeRefusedError) return error.status;
    throw error;
  }
}

/** Collects every text frame a client receives. */
export function collectMessages(ws: WebSocket): string[] {
  const messages: string[] = [];
  ws.on('message', (data) => messages.push(data.toString()));
  return messages;
}

/** The next frame the client receives, as text. */
export function nextMessage(ws: WebSocket, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new TestTimeoutError(`no message within ${timeoutMs} ms`)),
      timeoutMs,
    );
    ws.once('message', (data) => {
      clearTimeout(timer);
      resolve(data.toString());
    });
  });
}

/** Resolves with the close code and reason the client saw. */
export function closed(ws: WebSocket, timeoutMs = 3000): Promise<{ code: number; reason: string }> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve({ code: -1, reason: 'already closed' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new TestTimeoutError(`not closed within ${timeoutMs} ms`)),
      timeoutMs,
    );
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** Waits a little, for asserting that nothing arrives. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
