/** `leave` -> `left`: removes the connection from the room (idempotent). */
import type { ConnectionStore } from '@switchboard/connection-store';
import type { ClientMessageOf } from '@switchboard/protocol';
import type { MessageRoute } from './types.js';
import { withRequestId } from './with-request-id.js';

export interface LeaveDeps {
  store: Pick<ConnectionStore, 'leaveRoom'>;
}

export const leave =
  (deps: LeaveDeps): MessageRoute<ClientMessageOf<'leave'>> =>
  async ({ connectionId, message }) => {
    await deps.store.leaveRoom(connectionId, message.room);
    return { reply: withRequestId({ type: 'left', room: message.room }, message.requestId) };
  };
