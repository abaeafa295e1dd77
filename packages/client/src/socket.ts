// The slice of the WebSocket API the client uses, so that the browser's WebSocket, Node's global
// WebSocket and the `ws` package all fit without this package importing any of them.

/** What the client needs from a WebSocket instance. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: (event: unknown) => void): void;
}

/** A WebSocket class: the browser's `WebSocket`, or `WebSocket` from the `ws` package in Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `readyState` of an open socket (the same in every implementation). */
export const OPEN = 1;

/** The given class, else the global one (browsers, Node 22+). */
export function resolveWebSocket(given: WebSocketConstructor | undefined): WebSocketConstructor | undefined {
  return given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}
