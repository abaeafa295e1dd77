import type { ServerMessage } from '@switchboard/protocol';

/** Adds `requestId` only when the request had one (the protocol omits absent ids). */
export function withRequestId<M extends ServerMessage>(message: M, requestId: string | undefined): M {
  return requestId === undefined ? message : { ...message, requestId };
}
