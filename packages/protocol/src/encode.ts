// Encoding: typed messages to the text that goes on the wire.
import type { ClientMessage } from './client-messages.js';
import type { ErrorCode } from './error-codes.js';
import { MAX_ERROR_MESSAGE_LENGTH } from './limits.js';
import type { ParseFailure } from './parse.js';
import type { ServerMessage, ServerMessageOf } from './server-messages.js';

/**
 * The wire text of a client message.
 * @example encodeClientMessage({ action: 'join', room: 'lobby', requestId: 'r1' })
 */
export function encodeClientMessage(message: ClientMessage): string {
  return JSON.stringify(message);
}

/**
 * The wire text of a server message.
 * @example encodeServerMessage({ type: 'joined', room: 'lobby', requestId: 'r1' })
 */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}

/**
 * An `error` message; `requestId` is set only when given, and the text is cut to the limit.
 * @example createErrorMessage('not_in_room', 'Join "lobby" first', 'r7')
 */
export function createErrorMessage(
  code: ErrorCode,
  message: string,
  requestId?: string,
): ServerMessageOf<'error'> {
  const text =
    message.length > MAX_ERROR_MESSAGE_LENGTH ? message.slice(0, MAX_ERROR_MESSAGE_LENGTH) : message;
  const error: ServerMessageOf<'error'> = { type: 'error', code, message: text };
  if (requestId !== undefined) error.requestId = requestId;
  return error;
}

/**
 * The `error` reply to a message that failed to parse, echoing its requestId.
 * @example
 * const parsed = parseClientMessage(body);
 * if (!parsed.ok) send(encodeServerMessage(toErrorMessage(parsed.error)));
 */
export function toErrorMessage(failure: ParseFailure): ServerMessageOf<'error'> {
  return createErrorMessage(failure.code, failure.message, failure.requestId);
}
