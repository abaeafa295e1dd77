/**
 * @switchboard/protocol: every message between Switchboard clients and servers, as valibot
 * schemas and inferred types, with parse and encode helpers. Browser-safe: no Node APIs.
 */
export {
  type ClientAction,
  type ClientMessage,
  type ClientMessageOf,
  type ClientPayloadOf,
  clientActions,
  clientMessageSchema,
  clientMessageSchemas,
  isClientAction,
  type JobInput,
  jobInputSchema,
} from './client-messages.js';
export { createErrorMessage, encodeClientMessage, encodeServerMessage, toErrorMessage } from './encode.js';
export {
  type ErrorCode,
  errorCodeNames,
  errorCodes,
  isErrorCode,
  isRetryable,
  type RetryableErrorCode,
} from './error-codes.js';
export { idSchema, requestIdSchema, roomNameSchema, textSchema } from './fields.js';
export * from './limits.js';
export {
  type ClientParseErrorCode,
  checkClientMessage,
  checkServerMessage,
  type ParseErrorCode,
  type ParseFailure,
  type ParseResult,
  parseClientMessage,
  parseServerMessage,
  type ServerParseErrorCode,
} from './parse.js';
export {
  isServerMessageType,
  type JobError,
  type JobResult,
  jobErrorSchema,
  jobResultSchema,
  type ReplyOf,
  replyTypes,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
  serverMessageSchema,
  serverMessageSchemas,
  serverMessageTypes,
} from './server-messages.js';
