/**
 * Client-to-server messages. `action` is API Gateway's route key
 * (`routeSelectionExpression: '$request.body.action'`); `requestId`, when present, is echoed by
 * the reply. Unknown fields are rejected so that a typo is an error, not a silent no-op.
 */
import * as v from 'valibot';
import { requestIdSchema, roomNameSchema, textSchema } from './fields.js';
import { MAX_JOB_DURATION_MS, MAX_JOB_INPUT_TEXT_LENGTH } from './limits.js';

const requestId = v.optional(requestIdSchema);

/**
 * What a job works on: `text` to process and, optionally, how long the work should take (the
 * reference job reports progress over `durationMs`).
 */
export const jobInputSchema = v.strictObject({
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_JOB_INPUT_TEXT_LENGTH)),
  durationMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_JOB_DURATION_MS))),
});

/** One schema per client action, keyed by the action name. */
export const clientMessageSchemas = {
  /** Keep-alive and round-trip check; answered by `pong`. */
  ping: v.strictObject({ action: v.literal('ping'), requestId }),
  /** Join a room; answered by `joined`. */
  join: v.strictObject({ action: v.literal('join'), requestId, room: roomNameSchema }),
  /** Leave a room; answered by `left`. */
  leave: v.strictObject({ action: v.literal('leave'), requestId, room: roomNameSchema }),
  /** Send text to a room's members; the sender's copy of `message` carries the requestId. */
  send: v.strictObject({ action: v.literal('send'), requestId, room: roomNameSchema, text: textSchema }),
  /** Start a job; answered by `jobAccepted`, then `jobProgress`, `jobCompleted` or `jobFailed`. */
  submitJob: v.strictObject({ action: v.literal('submitJob'), requestId, input: jobInputSchema }),
} as const;

/** Any client message, discriminated on `action`: every schema above, none listed twice. */
export const clientMessageSchema = v.variant('action', Object.values(clientMessageSchemas));

/** A route key of a client message. */
export type ClientAction = keyof typeof clientMessageSchemas;

/** Every client action name; the handlers check that each has a route. */
export const clientActions = Object.keys(clientMessageSchemas) as [ClientAction, ...ClientAction[]];

/** Any client message. Narrow it with `switch (message.action)`. */
export type ClientMessage = v.InferOutput<typeof clientMessageSchema>;

/** The client message of one action, e.g. `ClientMessageOf<'join'>`. */
export type ClientMessageOf<A extends ClientAction> = Extract<ClientMessage, { action: A }>;

/** What a request of action `A` carries besides `action` and `requestId`. */
export type ClientPayloadOf<A extends ClientAction> = Omit<ClientMessageOf<A>, 'action' | 'requestId'>;

/** The `submitJob` input. */
export type JobInput = v.InferOutput<typeof jobInputSchema>;

/** Whether `value` names a client action. */
export function isClientAction(value: unknown): value is ClientAction {
  return typeof value === 'string' && Object.hasOwn(clientMessageSchemas, value);
}
