/**
 * @switchboard/client: a typed WebSocket client for Switchboard, for browsers and Node.
 * Reconnects with backoff and re-joins rooms, keeps API Gateway's idle timer alive, correlates
 * requests and replies. Browser-safe: it never imports `ws`; Node callers pass it in.
 */
export { type BackoffOptions, backoffDelayMs } from './backoff.js';
export { createClient } from './client.js';
export {
  ClientClosedError,
  type ClientErrorCode,
  ConnectionLostError,
  clientErrorCodes,
  InvalidMessageError,
  QueueOverflowError,
  RequestTimeoutError,
  ServerError,
  SwitchboardClientError,
} from './errors.js';
export {
  type ClientOptions,
  DEFAULT_BACKOFF,
  DEFAULT_KEEP_ALIVE_INTERVAL_MS,
  DEFAULT_MAX_QUEUE_LENGTH,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './options.js';
export type { WebSocketConstructor, WebSocketLike } from './socket.js';
export type {
  ClientEvents,
  ConnectionState,
  InvalidFrameEvent,
  RequestOptions,
  SwitchboardClient,
} from './types.js';
