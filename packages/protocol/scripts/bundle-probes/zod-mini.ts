// The protocol's schemas written with zod v4 mini, for scripts/measure-bundle.mjs only.
import * as z from 'zod/mini';

const room = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));
const requestId = z.optional(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[!-~]+$/)));
const text = z.string().check(z.minLength(1), z.maxLength(4096));
const id = z.string().check(z.minLength(1), z.maxLength(128));
const errorCode = z.enum(['invalid_json', 'unknown_action', 'invalid_payload', 'not_found', 'forbidden']);

export const clientSchemas = {
  ping: z.strictObject({ action: z.literal('ping'), requestId }),
  join: z.strictObject({ action: z.literal('join'), requestId, room }),
  leave: z.strictObject({ action: z.literal('leave'), requestId, room }),
  send: z.strictObject({ action: z.literal('send'), requestId, room, text }),
  submitJob: z.strictObject({
    action: z.literal('submitJob'),
    requestId,
    input: z.strictObject({ text, durationMs: z.optional(z.int().check(z.minimum(0), z.maximum(60000))) }),
  }),
};
export const serverSchemas = {
  pong: z.object({ type: z.literal('pong'), requestId }),
  joined: z.object({ type: z.literal('joined'), requestId, room }),
  left: z.object({ type: z.literal('left'), requestId, room }),
  message: z.object({ type: z.literal('message'), requestId, room, from: id, text, id, sentAt: z.int() }),
  jobAccepted: z.object({ type: z.literal('jobAccepted'), requestId, jobId: id }),
  jobProgress: z.object({
    type: z.literal('jobProgress'),
    jobId: id,
    percent: z.number().check(z.minimum(0), z.maximum(100)),
  }),
  jobCompleted: z.object({
    type: z.literal('jobCompleted'),
    jobId: id,
    result: z.object({ text: z.string() }),
  }),
  jobFailed: z.object({
    type: z.literal('jobFailed'),
    jobId: id,
    error: z.object({ code: errorCode, message: z.string() }),
  }),
  error: z.object({ type: z.literal('error'), requestId, code: errorCode, message: z.string() }),
};
export const clientMessage = z.discriminatedUnion(
  'action',
  Object.values(clientSchemas) as [typeof clientSchemas.ping],
);

export function check(schema: z.ZodMiniType, data: unknown) {
  const r = z.safeParse(schema, data);
  return r.success
    ? { ok: true, value: r.data }
    : { ok: false, path: r.error.issues[0]?.path.join('.'), message: r.error.issues[0]?.message };
}
