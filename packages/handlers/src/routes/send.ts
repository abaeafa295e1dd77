/**
 * `send` fans a `message` out to every other member of the room; the sender's own copy is the
 * reply and carries its `requestId`. A sender outside the room gets `not_in_room`.
 */
import type { ConnectionStore } from '@switchboard/connection-store';
import {
  type ClientMessageOf,
  createErrorMessage,
  encodeServerMessage,
  type ServerMessageOf,
} from '@switchboard/protocol';
import type { MessageRoute } from './types.js';
import { withRequestId } from './with-request-id.js';

export interface SendDeps {
  store: Pick<ConnectionStore, 'roomsOf' | 'roomMembers'>;
  /** A fresh message id. */
  newId: () => string;
}

export const send =
  (deps: SendDeps): MessageRoute<ClientMessageOf<'send'>> =>
  async ({ connectionId, userId, message, nowMs, notifier }) => {
    const rooms = await deps.store.roomsOf(connectionId);
    if (!rooms.includes(message.room)) {
      return {
        outcome: 'rejected',
        reply: createErrorMessage(
          'not_in_room',
          `Join "${message.room}" before sending to it`,
          message.requestId,
        ),
      };
    }
    const chat: ServerMessageOf<'message'> = {
      type: 'message',
      room: message.room,
      from: userId,
      text: message.text,
      id: deps.newId(),
      sentAt: nowMs,
    };
    const delivery = await notifier().postToMany(
      othersIn(deps.store.roomMembers(message.room), connectionId),
      encodeServerMessage(chat),
    );
    return { reply: withRequestId(chat, message.requestId), delivery };
  };

async function* othersIn(
  members: AsyncIterable<{ connectionId: string }>,
  sender: string,
): AsyncGenerator<string> {
  for await (const member of members) if (member.connectionId !== sender) yield member.connectionId;
}
