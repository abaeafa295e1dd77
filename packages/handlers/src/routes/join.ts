/**
 * `join` -> `joined`: adds the connection to the room. A connection whose record is gone must
 * reconnect (`not_found`).
 */
import { type ConnectionStore, ConnectionNotFoundError } from '@switchboard/connection-store';
import type { ClientMessageOf } from '@switchboard/protocol';
import { RouteError } from '../errors.js';
import type { MessageRoute } from './types.js';
import { withRequestId } from './with-request-id.js';

export interface JoinDeps {
  store: Pick<ConnectionStore, 'joinRoom'>;
}

export const join =
  (deps: JoinDeps): MessageRoute<ClientMessageOf<'join'>> =>
  async ({ connectionId, message }) => {
    try {
      await deps.store.joinRoom(connectionId, message.room);
    } catch (error) {
      // The record is gone (TTL, or a $connect that never stored it): the client must reconnect.
      if (error instanceof ConnectionNotFoundError) {
        throw new RouteError('not_found', 'This connection is not registered; reconnect', { cause: error });
      }
      throw error;
    }
    return { reply: withRequestId({ type: 'joined', room: message.room }, message.requestId) };
  };
