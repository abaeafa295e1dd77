import type { ClientMessageOf } from '@switchboard/protocol';
import type { MessageRoute } from './types.js';
import { withRequestId } from './with-request-id.js';

/** `ping` -> `pong`: a two-way route, answered in the route response. */
export const ping = (): MessageRoute<ClientMessageOf<'ping'>> => async (ctx) => ({
  reply: withRequestId({ type: 'pong' }, ctx.message.requestId),
});
