import type { WebSocket } from 'ws';
import type { ConnectionInfo } from '../events/build.js';

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

/** Every connection of one gateway, by id. */
export class ConnectionRegistry {
  readonly #byId = new Map<string, Connection>();

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
}
