import {
  type ClientAction,
  type ClientMessage,
  type ClientPayloadOf,
  checkClientMessage,
  encodeClientMessage,
  parseServerMessage,
  type ReplyOf,
  type ServerMessage,
} from '@switchboard/protocol';
import { backoffDelayMs } from './backoff.js';
import { Emitter } from './emitter.js';
import { ClientClosedError, InvalidMessageError, QueueOverflowError } from './errors.js';
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { PendingRequests } from './pending-requests.js';
import { RecentIds } from './recent-ids.js';
import { OPEN, type WebSocketLike } from './socket.js';
import type { ClientEvents, ConnectionState, RequestOptions, SwitchboardClient } from './types.js';

/**
 * Creates a client and starts connecting.
 * @example
 * import { WebSocket } from 'ws'; // Node only; browsers use the global WebSocket
 * const client = createClient({ url: 'ws://127.0.0.1:3001', token, WebSocket });
 * client.on('message', (m) => console.log(`${m.from}: ${m.text}`));
 * client.on('state', (s) => s.status === 'reconnecting' && console.log(new Date(s.nextRetryAt)));
 * await client.request('join', { room: 'lobby' });
 * client.send({ action: 'send', room: 'lobby', text: 'hello' });
 */
export function createClient(options: ClientOptions): SwitchboardClient {
  return new Client(resolveOptions(options));
}

// The keep-alive's wire text, encoded once.
const PING_TEXT = encodeClientMessage({ action: 'ping' });

interface Outgoing {
  text: string;
  requestId?: string;
}

class Client implements SwitchboardClient {
  #state: ConnectionState = { status: 'connecting', attempt: 0 };
  #socket: WebSocketLike | undefined;
  #failedAttempts = 0;
  #requestCount = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #keepAliveTimer: ReturnType<typeof setTimeout> | undefined;
  #lastSentAtMs = 0;
  readonly #rooms = new Set<string>();
  readonly #queue: Outgoing[] = [];
  readonly #pending = new PendingRequests();
  readonly #recentMessageIds: RecentIds;
  readonly #events = new Emitter<ClientEvents>();
  // Distinguishes this client's requestIds in server logs.
  readonly #requestIdPrefix: string;

  readonly #options: ResolvedOptions;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.#recentMessageIds = new RecentIds(options.dedupeWindow);
    this.#requestIdPrefix = Math.floor(options.random() * 36 ** 6).toString(36);
    void this.#connect();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get rooms(): ReadonlySet<string> {
    return this.#rooms;
  }

  on<K extends keyof ClientEvents>(type: K, listener: (event: ClientEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  send(message: ClientMessage): void {
    this.#transmit({ text: this.#encode(message) });
  }

  request<A extends ClientAction>(action: A, payload: ClientPayloadOf<A>, options: RequestOptions = {}) {
    return new Promise<ReplyOf<A>>((resolve, reject) => {
      const requestId = `${this.#requestIdPrefix}-${++this.#requestCount}`;
      let text: string;
      try {
        text = this.#encode({ ...payload, action, requestId } as ClientMessage);
      } catch (error) {
        reject(error);
        return;
      }
      const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs;
      this.#pending.add(requestId, action, timeoutMs, resolve as (reply: ServerMessage) => void, reject);
      try {
        this.#transmit({ text, requestId });
      } catch (error) {
        this.#pending.reject(requestId, error as Error);
      }
    });
  }

  close(): void {
    if (this.#state.status === 'closed') return;
    this.#shutDown('closed-by-client', new ClientClosedError());
    this.#socket?.close(1000, 'client closed');
    this.#socket = undefined;
  }

  #encode(message: ClientMessage): string {
    if (this.#state.status === 'closed') throw new ClientClosedError();
    const checked = checkClientMessage(message);
    if (!checked.ok) throw new InvalidMessageError(checked.error);
    return encodeClientMessage(checked.value);
  }

  #transmit(outgoing: Outgoing): void {
    if (this.#state.status === 'open' && this.#socket?.readyState === OPEN) {
      this.#write(this.#socket, outgoing);
      return;
    }
    if (this.#queue.length >= this.#options.maxQueueLength)
      throw new QueueOverflowError(this.#options.maxQueueLength);
    this.#queue.push(outgoing);
  }

  #write(socket: WebSocketLike, outgoing: Outgoing): void {
    socket.send(outgoing.text);
    if (outgoing.requestId !== undefined) this.#pending.markSent(outgoing.requestId);
    this.#lastSentAtMs = Date.now();
  }

  async #connect(): Promise<void> {
    this.#setState({ status: 'connecting', attempt: this.#failedAttempts });
    let url: URL;
    try {
      url = await this.#urlWithToken();
    } catch {
      // A token provider that fails is treated like a failed connection: back off and retry.
      this.#scheduleReconnect();
      return;
    }
    if (this.#state.status === 'closed') return;
    const socket = new this.#options.WebSocket(url.toString());
    this.#socket = socket;
    socket.addEventListener('open', () => this.#handleOpen(socket));
    socket.addEventListener('message', (event) => this.#handleFrame(event.data));
    socket.addEventListener('close', (event) => this.#handleClose(socket, event));
    // An 'error' is always followed by 'close', which does the work.
    socket.addEventListener('error', () => {});
  }

  async #urlWithToken(): Promise<URL> {
    const url = new URL(this.#options.url);
    const { token } = this.#options;
    if (token !== undefined)
      url.searchParams.set('token', typeof token === 'function' ? await token() : token);
    return url;
  }

  #handleOpen(socket: WebSocketLike): void {
    if (socket !== this.#socket) return;
    this.#failedAttempts = 0;
    this.#setState({ status: 'open' });
    // Re-join first, so that queued sends to those rooms are accepted.
    for (const room of this.#rooms)
      this.#write(socket, { text: encodeClientMessage({ action: 'join', room }) });
    for (const outgoing of this.#queue.splice(0)) this.#write(socket, outgoing);
    // API Gateway's idle timer starts at the connect.
    this.#lastSentAtMs = Date.now();
    this.#scheduleKeepAlive(socket, this.#options.keepAliveIntervalMs);
  }

  #handleFrame(data: unknown): void {
    if (typeof data !== 'string') {
      this.#events.emit('invalidFrame', { code: 'invalid_payload', message: 'Binary frame', frame: '' });
      return;
    }
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      this.#events.emit('invalidFrame', { ...parsed.error, frame: data.slice(0, 200) });
      return;
    }
    const message = parsed.value;
    // At-least-once delivery of big rooms: the same chat message again is dropped, by its id. A
    // reply (the sender's own copy, with its requestId) comes once, from the route: never dropped.
    const isChat = message.type === 'message' && message.requestId === undefined;
    if (isChat && !this.#recentMessageIds.add(message.id)) return;
    if (message.type === 'joined') this.#rooms.add(message.room);
    if (message.type === 'left') this.#rooms.delete(message.room);
    this.#pending.settle(message);
    this.#events.emit(message.type, message as never);
  }

  #handleClose(socket: WebSocketLike, event: { code: number; reason: string }): void {
    if (socket !== this.#socket) return;
    this.#socket = undefined;
    clearTimeout(this.#keepAliveTimer);
    this.#pending.rejectSent(`closed with ${event.code}${event.reason ? ` ${event.reason}` : ''}`);
    if (this.#state.status !== 'closed') this.#scheduleReconnect(event);
  }

  #scheduleReconnect(closed?: { code: number; reason: string }): void {
    this.#failedAttempts += 1;
    if (this.#failedAttempts > this.#options.maxReconnectAttempts) {
      this.#shutDown('gave-up', new ClientClosedError());
      return;
    }
    const delayMs = backoffDelayMs(this.#failedAttempts - 1, this.#options.backoff, this.#options.random);
    const state: ConnectionState = {
      status: 'reconnecting',
      attempt: this.#failedAttempts,
      delayMs,
      nextRetryAt: Date.now() + delayMs,
    };
    if (closed) Object.assign(state, { closeCode: closed.code, closeReason: closed.reason });
    this.#reconnectTimer = setTimeout(() => void this.#connect(), delayMs);
    this.#setState(state);
  }

  // Any data frame resets API Gateway's idle timer, so a ping is due only after a quiet interval.
  // One timer per connection: a send only stamps #lastSentAtMs, and a timer that fires before
  // the connection was quiet for a whole interval waits out the rest of it.
  #scheduleKeepAlive(socket: WebSocketLike, delayMs: number): void {
    clearTimeout(this.#keepAliveTimer);
    const intervalMs = this.#options.keepAliveIntervalMs;
    if (intervalMs === 0) return;
    this.#keepAliveTimer = setTimeout(() => {
      if (socket !== this.#socket || socket.readyState !== OPEN) return;
      const quietMs = Date.now() - this.#lastSentAtMs;
      // A clock set back (quietMs < 0) pings at once rather than waiting out the jump.
      if (quietMs >= 0 && quietMs < intervalMs) {
        this.#scheduleKeepAlive(socket, intervalMs - quietMs);
        return;
      }
      this.#write(socket, { text: PING_TEXT });
      this.#scheduleKeepAlive(socket, intervalMs);
    }, delayMs);
  }

  #shutDown(reason: 'closed-by-client' | 'gave-up', error: ClientClosedError): void {
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#keepAliveTimer);
    this.#setState({ status: 'closed', reason });
    this.#queue.length = 0;
    this.#pending.rejectAll(error);
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    this.#events.emit('state', state);
  }
}
