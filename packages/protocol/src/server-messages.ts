/**
 * Server-to-client messages, discriminated on `type`. Every one may carry the `requestId` of the
 * request it answers. Unknown fields are dropped rather than rejected, so an older client keeps
 * working when the server adds a field.
 */
import * as v from 'valibot';
import type { ClientAction } from './client-messages.js';
import {
  epochMsSchema,
  errorCodeSchema,
  errorTextSchema,
  idSchema,
  requestIdSchema,
  roomNameSchema,
  textSchema,
} from './fields.js';
import { MAX_JOB_RESULT_TEXT_LENGTH } from './limits.js';

const requestId = v.optional(requestIdSchema);

/** What a completed job produced. */
export const jobResultSchema = v.object({
  text: v.pipe(v.string(), v.maxLength(MAX_JOB_RESULT_TEXT_LENGTH)),
});

/** Why a job failed. */
export const jobErrorSchema = v.object({ code: errorCodeSchema, message: errorTextSchema });

/** One schema per server message type, keyed by the type name. */
export const serverMessageSchemas = {
  pong: v.object({ type: v.literal('pong'), requestId }),
  joined: v.object({ type: v.literal('joined'), requestId, room: roomNameSchema }),
  left: v.object({ type: v.literal('left'), requestId, room: roomNameSchema }),
  /** A chat message; `from` is the sender's user id, `sentAt` milliseconds since the epoch. */
  message: v.object({
    type: v.literal('message'),
    requestId,
    room: roomNameSchema,
    from: idSchema,
    text: textSchema,
    id: idSchema,
    sentAt: epochMsSchema,
  }),
  jobAccepted: v.object({ type: v.literal('jobAccepted'), requestId, jobId: idSchema }),
  /** `percent` from 0 to 100. */
  jobProgress: v.object({
    type: v.literal('jobProgress'),
    requestId,
    jobId: idSchema,
    percent: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  }),
  jobCompleted: v.object({
    type: v.literal('jobCompleted'),
    requestId,
    jobId: idSchema,
    result: jobResultSchema,
  }),
  jobFailed: v.object({ type: v.literal('jobFailed'), requestId, jobId: idSchema, error: jobErrorSchema }),
  /** A failed request; `requestId` is set when the failed message carried one. */
  error: v.object({ type: v.literal('error'), requestId, code: errorCodeSchema, message: errorTextSchema }),
} as const;

/** Any server message, discriminated on `type`: every schema above, none listed twice. */
export const serverMessageSchema = v.variant('type', Object.values(serverMessageSchemas));

/** A server message type name. */
export type ServerMessageType = keyof typeof serverMessageSchemas;

/** Every server message type name. */
export const serverMessageTypes = Object.keys(serverMessageSchemas) as [
  ServerMessageType,
  ...ServerMessageType[],
];

/** Any server message. Narrow it with `switch (message.type)`. */
export type ServerMessage = v.InferOutput<typeof serverMessageSchema>;

/** The server message of one type, e.g. `ServerMessageOf<'message'>`. */
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

export type JobResult = v.InferOutput<typeof jobResultSchema>;
export type JobError = v.InferOutput<typeof jobErrorSchema>;

/**
 * The message type that answers each action on success (a failure is an `error` message with the
 * same requestId).
 */
export const replyTypes = {
  ping: 'pong',
  join: 'joined',
  leave: 'left',
  send: 'message',
  submitJob: 'jobAccepted',
} as const satisfies Record<ClientAction, ServerMessageType>;

/** The successful reply to action `A`, e.g. `ReplyOf<'join'>` is the `joined` message. */
export type ReplyOf<A extends ClientAction> = ServerMessageOf<(typeof replyTypes)[A]>;

/** Whether `value` names a server message type. */
export function isServerMessageType(value: unknown): value is ServerMessageType {
  return typeof value === 'string' && Object.hasOwn(serverMessageSchemas, value);
}
