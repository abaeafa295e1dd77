import type { BackoffOptions } from './backoff.js';
import { SwitchboardClientError } from './errors.js';
import { resolveWebSocket, type WebSocketConstructor } from './socket.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The WebSocket URL, `ws://` or `wss://` (for example the stage URL of API Gateway). */
  url: string;
  /**
   * Credentials, sent as the `token` query parameter because browsers cannot set headers on a
   * WebSocket upgrade. A function is called before every (re)connect, so a token can be renewed.
   */
  token?: string | (() => string | Promise<string>);
  /** The WebSocket class: pass `WebSocket` from `ws` in Node. @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor;
  /**
   * Send a `ping` data message when nothing was sent for this long. API Gateway closes
   * connections idle for 10 minutes and does not count protocol-level pings. 0 turns it off.
   * @default 240000 (4 minutes)
   */
  keepAliveIntervalMs?: number;
  /** Spacing of reconnect attempts (exponential, full jitter). @default { initialDelayMs: 500, maxDelayMs: 30000 } */
  reconnect?: Partial<BackoffOptions> & {
    /** Give up (state `closed`, reason `gave-up`) after this many failed attempts in a row. @default Infinity */
    maxAttempts?: number;
  };
  /** Messages held while disconnected; one more is an error to the caller. @default 100 */
  maxQueueLength?: number;
  /** Default `timeoutMs` of {@link SwitchboardClient.request}. @default 10000 */
  requestTimeoutMs?: number;
  /** Uniform random numbers in [0, 1) for the jitter. @default Math.random */
  random?: () => number;
  /**
   * Drop a `message` whose `id` is among the last this many seen: a big room's broadcast is
   * delivered at least once, so a member may get one twice. 0 turns it off.
   * @default 1000
   */
  dedupeWindow?: number;
}

export interface ResolvedOptions {
  url: URL;
  token: ClientOptions['token'];
  WebSocket: WebSocketConstructor;
  keepAliveIntervalMs: number;
  backoff: BackoffOptions;
  maxReconnectAttempts: number;
  maxQueueLength: number;
  requestTimeoutMs: number;
  random: () => number;
  dedupeWindow: number;
}

export const DEFAULT_KEEP_ALIVE_INTERVAL_MS = 240_000;
export const DEFAULT_MAX_QUEUE_LENGTH = 100;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_DEDUPE_WINDOW = 1000;
export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };

/** Applies defaults and refuses options that cannot work, with the option's name. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const url = parseUrl(options.url);
  const WebSocket = resolveWebSocket(options.WebSocket);
  if (!WebSocket) {
    throw invalid('WebSocket', 'no global WebSocket here; pass one, e.g. `import { WebSocket } from "ws"`');
  }
  const resolved: ResolvedOptions = {
    url,
    token: options.token,
    WebSocket,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS,
    backoff: { ...DEFAULT_BACKOFF, ...withoutUndefined(options.reconnect ?? {}) },
    maxReconnectAttempts: options.reconnect?.maxAttempts ?? Number.POSITIVE_INFINITY,
    maxQueueLength: options.maxQueueLength ?? DEFAULT_MAX_QUEUE_LENGTH,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    random: options.random ?? Math.random,
    dedupeWindow: options.dedupeWindow ?? DEFAULT_DEDUPE_WINDOW,
  };
  requireNonNegative('dedupeWindow', resolved.dedupeWindow);
  requireNonNegative('keepAliveIntervalMs', resolved.keepAliveIntervalMs);
  requireNonNegative('reconnect.initialDelayMs', resolved.backoff.initialDelayMs);
  requireNonNegative('reconnect.maxDelayMs', resolved.backoff.maxDelayMs);
  requireNonNegative('maxQueueLength', resolved.maxQueueLength);
  requireNonNegative('requestTimeoutMs', resolved.requestTimeoutMs);
  return resolved;
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw invalid('url', `${JSON.stringify(text)} is not a URL`, error);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw invalid('url', `expected ws:// or wss://, got ${text}`);
  return url;
}

function requireNonNegative(name: string, value: number): void {
  if (!(value >= 0)) throw invalid(name, `expected a number >= 0, got ${value}`);
}

function invalid(option: string, detail: string, cause?: unknown): SwitchboardClientError {
  return new SwitchboardClientError('invalid_payload', `Invalid option ${option}: ${detail}`, { cause });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
