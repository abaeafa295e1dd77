/**
 * `$connect` records the connection with the user the authorizer named; `$disconnect` removes it
 * and its memberships. Both are idempotent: API Gateway may retry, and `$disconnect` may come
 * for a connection whose record TTL already removed.
 */
import { ConnectionExistsError, type ConnectionStore } from '@switchboard/connection-store';

export interface ConnectionDeps {
  store: Pick<ConnectionStore, 'putConnection' | 'getConnection' | 'removeConnection'>;
}

export interface ConnectContext {
  connectionId: string;
  userId: string;
  sourceIp?: string;
  connectedAtMs?: number;
}

export type ConnectOutcome = { outcome: 'ok' | 'already-connected' };

export const connect =
  (deps: ConnectionDeps) =>
  async (ctx: ConnectContext): Promise<ConnectOutcome> => {
    try {
      await deps.store.putConnection(ctx);
      return { outcome: 'ok' };
    } catch (error) {
      // A repeated $connect for the same id and user is the same connection: accept it.
      if (error instanceof ConnectionExistsError) {
        const existing = await deps.store.getConnection(ctx.connectionId);
        if (existing?.userId === ctx.userId) return { outcome: 'already-connected' };
      }
      throw error;
    }
  };

export const disconnect =
  (deps: ConnectionDeps) =>
  async (ctx: { connectionId: string }): Promise<{ outcome: 'ok'; rooms: number }> => {
    const removed = await deps.store.removeConnection(ctx.connectionId);
    return { outcome: 'ok', rooms: removed.rooms.length };
  };
