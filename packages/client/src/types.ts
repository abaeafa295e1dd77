// The public shapes of the client: its events, states and methods.
import type {
  ClientAction,
  ClientMessage,
  ClientPayloadOf,
  ParseFailure,
  ReplyOf,
  ServerMessageOf,
  ServerMessageType,
} from '@switchboard/protocol';

/** Where the connection stands; every change is a `state` event. */
export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open' }
  | {
      status: 'reconnecting';
      /** 1 for the first retry after a drop. */
      attempt: number;
      delayMs: number;
      /** When the next attempt starts, in milliseconds since the epoch (`new Date(nextRetryAt)`). */
      nextRetryAt: number;
      /** Close code and reason of the connection that was lost. */
      closeCode?: number;
      closeReason?: string;
    }
  | { status: 'closed'; reason: 'closed-by-client' | 'gave-up' };

/** A frame that is not a valid server message (for example API Gateway's own `{"message": "Forbidden", ...}`). */
export interface InvalidFrameEvent extends ParseFailure {
  /** The start of the frame, for logs. */
  frame: string;
}

/** Every event of the client: one per server message type, plus `state` and `invalidFrame`. */
export type ClientEvents = { [T in ServerMessageType]: ServerMessageOf<T> } & {
  state: ConnectionState;
  invalidFrame: InvalidFrameEvent;
};

/** Options of one request. */
export interface RequestOptions {
  /** Reject with a `RequestTimeoutError` when no reply came by then. @default the client's requestTimeoutMs */
  timeoutMs?: number;
}

/** A connected (or reconnecting) Switchboard client; see {@link createClient}. */
export interface SwitchboardClient {
  /** The current connection state. */
  readonly state: ConnectionState;
  /** The rooms the server confirmed (`joined` minus `left`); re-joined after every reconnect. */
  readonly rooms: ReadonlySet<string>;
  /**
   * Sends a message now, or queues it while disconnected. Throws `InvalidMessageError` when it
   * does not pass the protocol's schema, `QueueOverflowError` when the queue is full,
   * `ClientClosedError` after `close()`.
   */
  send(message: ClientMessage): void;
  /**
   * Sends `action` with a fresh requestId; resolves with the reply that echoes it. Rejects with
   * `ServerError` (the server's `error`), `RequestTimeoutError`, `ConnectionLostError` (the
   * connection dropped after sending), or the errors of `send`.
   */
  request<A extends ClientAction>(
    action: A,
    payload: ClientPayloadOf<A>,
    options?: RequestOptions,
  ): Promise<ReplyOf<A>>;
  /** Listens to one event type; returns the function that stops listening. */
  on<K extends keyof ClientEvents>(type: K, listener: (event: ClientEvents[K]) => void): () => void;
  /** Closes the connection for good; pending requests and queued messages are rejected. */
  close(): void;
}
