import { UsageError } from './errors.js';

/** What one load run does. Every run is bounded by `messages` and by `durationSeconds`. */
export interface LoadOptions {
  /** `ws://` or `wss://` URL of the WebSocket API. */
  url: string;
  /** Connections to open. @default 10 */
  connections: number;
  /** Round trips per connection, or broadcast rounds with `broadcast`. @default 100 */
  messages: number;
  /** Requests in flight per connection. @default 1 */
  window: number;
  /** `action` of each round-trip request. @default 'ping' */
  route: string;
  /** Hard stop for the whole run, connecting included. @default 60 */
  durationSeconds: number;
  /** Join every connection to one room and time each message until every member has it. @default false */
  broadcast: boolean;
  /** Room joined in broadcast mode. @default 'loadgen' */
  room: string;
  /** Action that joins the room. @default 'join' */
  joinRoute: string;
  /** Action that sends to the room. @default 'send' */
  sendRoute: string;
  /** Field of the send action that carries the text. @default 'text' */
  textField: string;
  /** Extra fields merged into every request (after `action` and `requestId`). @default {} */
  payload: Record<string, unknown>;
  /** A request (or a broadcast round) unanswered after this long is counted lost. @default 5000 */
  timeoutMs: number;
  /** Connection attempts in flight at once. @default 50 */
  connectConcurrency: number;
  /** Opening handshake timeout per connection. @default 10000 */
  connectTimeoutMs: number;
}

export const defaultLoadOptions: Omit<LoadOptions, 'url'> = {
  connections: 10,
  messages: 100,
  window: 1,
  route: 'ping',
  durationSeconds: 60,
  broadcast: false,
  room: 'loadgen',
  joinRoute: 'join',
  sendRoute: 'send',
  textField: 'text',
  payload: {},
  timeoutMs: 5000,
  connectConcurrency: 50,
  connectTimeoutMs: 10_000,
};

// Bounds that keep a typo from exhausting the machine.
const limits = {
  connections: [1, 100_000],
  messages: [1, 10_000_000],
  window: [1, 10_000],
  durationSeconds: [0.1, 86_400],
  timeoutMs: [1, 600_000],
  connectConcurrency: [1, 10_000],
  connectTimeoutMs: [1, 600_000],
} as const satisfies Partial<Record<keyof LoadOptions, readonly [number, number]>>;

/**
 * Fills in defaults and checks every option.
 * @throws {UsageError} naming the offending option and the accepted range.
 */
export function resolveLoadOptions(input: Partial<LoadOptions> & { url: string }): LoadOptions {
  const options: LoadOptions = { ...defaultLoadOptions, ...input };
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new UsageError(`--url: "${options.url}" is not a URL (expected ws://host:port/path)`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new UsageError(`--url: expected a ws:// or wss:// URL, got "${options.url}"`);
  }
  for (const [name, [min, max]] of Object.entries(limits)) {
    const value = options[name as keyof typeof limits];
    const integer = name !== 'durationSeconds';
    if (typeof value !== 'number' || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
      throw new UsageError(`--${kebab(name)}: expected ${integer ? 'an integer' : 'a number'}, got ${value}`);
    }
    if (value < min || value > max) {
      throw new UsageError(`--${kebab(name)}: ${value} is outside ${min}..${max}`);
    }
  }
  for (const name of ['route', 'room', 'joinRoute', 'sendRoute', 'textField'] as const) {
    if (!options[name]) throw new UsageError(`--${kebab(name)}: must not be empty`);
  }
  if (options.broadcast && options.connections < 2) {
    throw new UsageError('--broadcast needs at least 2 connections (one sender, one receiver)');
  }
  return options;
}

// The flag that sets each option; `durationSeconds` is `--duration`.
function kebab(name: string): string {
  if (name === 'durationSeconds') return 'duration';
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
