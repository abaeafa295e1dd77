/**
 * Chat rooms: `join` -> `joined`, `leave` -> `left`, `send` fans a `message` out to every other
 * member of the room; the sender's own copy is the reply and carries its `requestId`.
 */
import type { ConnectionStore } from '@switchboard/connection-store';
import { ConnectionNotFoundError } from '@switchboard/connection-store';
import {
  type ClientMessageOf,
  createErrorMessage,
  encodeServerMessage,
  type ServerMessageOf,
} from '@switchboard/protocol';
import { RouteError } from '../errors.js';
import { withRequestId } from './ping.js';
import type { MessageRoute } from './types.js';

export interface RoomDeps {
  store: Pick<ConnectionStore, 'joinRoom' | 'leaveRoom' | 'roomsOf' | 'roomMembers'>;
}

export interface SendDeps extends RoomDeps {
  /** A fresh message id. */
  newId: () => string;
}

export const join =
  (deps: RoomDeps): MessageRoute<ClientMessageOf<'join'>> =>
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

export const leave =
  (deps: RoomDeps): MessageRoute<ClientMessageOf<'leave'>> =>
  async ({ connectionId, message }) => {
    await deps.store.leaveRoom(connectionId, message.room);
    return { reply: withRequestId({ type: 'left', room: message.room }, message.requestId) };
  };

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
