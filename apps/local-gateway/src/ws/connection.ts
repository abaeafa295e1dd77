import { isUtf8 } from 'node:buffer';
import type { WebSocket } from 'ws';
import { ConnectionApiError } from '../errors.js';
import type { ConnectionInfo } from '../events/build.js';
import { type GatewayObserver, noObserver } from '../inspect/observer.js';

/** A client connection, from the upgrade request to `$disconnect`. */
export interface Connection extends ConnectionInfo {
  /** `connecting` while the authorizer and `$connect` run: the `@connections` API answers 410. */
  state: 'connecting' | 'open' | 'closed';
  socket?: WebSocket;
  /** Epoch ms of the client's last message (or of the connection). */
  lastActiveAt: number;
  /**
   * Set when the gateway closes the connection, so `$disconnect` reports the code and reason
   * the gateway sent rather than the client's echo of them.
   */
  closeIntent?: { code: number; reason: string };
}

/** A close frame's code and reason. */
export interface CloseReason {
  code: number;
  reason: string;
}

/** Close codes and reasons the gateway sends. Idle and max-duration codes are UNCONFIRMED. */
export const closeCodes = {
  deleted: { code: 1000, reason: 'Connection Closed Normally' },
  goingAway: { code: 1001, reason: 'Going away' },
  binary: { code: 1003, reason: 'Binary frames are not supported' },
  tooBig: { code: 1009, reason: 'Message too big' },
} as const satisfies Record<string, CloseReason>;

/** Closes a connection from the gateway's side; `$disconnect` reports this code and reason. */
export function closeConnection(connection: Connection, close: CloseReason): void {
  connection.closeIntent ??= { ...close };
  connection.socket?.close(close.code, close.reason);
}

/** The bounds PostToConnection enforces. */
export interface PostLimits {
  /** PostToConnection `Data` limit. */
  maxPostBytes: number;
  /** A client's unsent bytes above which a post is refused. */
  maxBufferedBytes: number;
}

/**
 * Every connection of one gateway, by id, and what the `@connections` API (over HTTP, or from
 * the local Step Functions' `apigateway:invoke`) does to them: post, close.
 */
export class ConnectionRegistry {
  readonly #byId = new Map<string, Connection>();

  constructor(
    readonly limits: PostLimits,
    private readonly observer: Pick<GatewayObserver, 'frame'> = noObserver,
  ) {}

  add(connection: Connection): void {
    this.#byId.set(connection.connectionId, connection);
  }
  get(connectionId: string): Connection | undefined {
    return this.#byId.get(connectionId);
  }
  /** The connection when it is open: what the `@connections` API may act on. */
  getOpen(connectionId: string): Connection | undefined {
    const connection = this.#byId.get(connectionId);
    return connection?.state === 'open' ? connection : undefined;
  }
  delete(connectionId: string): void {
    this.#byId.delete(connectionId);
  }
  values(): Connection[] {
    return [...this.#byId.values()];
  }
  get size(): number {
    return this.#byId.size;
  }

  /**
   * Sends `data` to a connection, as PostToConnection does. Throws {@link ConnectionApiError}
   * (PayloadTooLarge, Gone, LimitExceeded).
   */
  post(connectionId: string, data: Buffer): void {
    if (data.length > this.limits.maxPostBytes) {
      throw new ConnectionApiError(
        'PayloadTooLargeException',
        `Request entity too large: over ${this.limits.maxPostBytes} bytes`,
      );
    }
    const socket = this.getOpen(connectionId)?.socket;
    if (!socket || socket.readyState !== socket.OPEN) throw new ConnectionApiError('GoneException', 'Gone');
    // A slow consumer must not grow the gateway's memory without bound.
    if (socket.bufferedAmount > this.limits.maxBufferedBytes) {
      throw new ConnectionApiError('LimitExceededException', 'Client send buffer is full');
    }
    // UNCONFIRMED for AWS: valid UTF-8 goes out as a text frame, anything else as a binary frame.
    // The bytes go out as they came: checked in place, never decoded to a string and encoded back.
    socket.send(data, { binary: !isUtf8(data) });
    this.observer.frame(connectionId, 'out', data);
  }

  /**
   * Closes an open connection with 1000, as DeleteConnection does (`$disconnect` reports 1000
   * "Connection Closed Normally"). Throws a GoneException {@link ConnectionApiError} otherwise.
   */
  disconnect(connectionId: string): void {
    const connection = this.getOpen(connectionId);
    if (!connection) throw new ConnectionApiError('GoneException', 'Gone');
    closeConnection(connection, closeCodes.deleted);
  }
}
