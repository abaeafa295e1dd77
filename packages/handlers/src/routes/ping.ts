import type { ClientMessageOf, ServerMessage } from '@switchboard/protocol';
import type { MessageRoute } from './types.js';

/** `ping` -> `pong`: a two-way route, answered in the route response. */
export const ping = (): MessageRoute<ClientMessageOf<'ping'>> => async (ctx) => ({
  reply: withRequestId({ type: 'pong' }, ctx.message.requestId),
});

/** Adds `requestId` only when the request had one (the protocol omits absent ids). */
export function withRequestId<M extends ServerMessage>(message: M, requestId: string | undefined): M {
  return requestId === undefined ? message : { ...message, requestId };
}
