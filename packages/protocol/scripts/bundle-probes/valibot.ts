// The protocol's schemas written with valibot, for scripts/measure-bundle.mjs only.
import * as v from 'valibot';

const room = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/));
const requestId = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[!-~]+$/)));
const text = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const errorCode = v.picklist(['invalid_json', 'unknown_action', 'invalid_payload', 'not_found', 'forbidden']);

export const clientSchemas = {
  ping: v.strictObject({ action: v.literal('ping'), requestId }),
  join: v.strictObject({ action: v.literal('join'), requestId, room }),
  leave: v.strictObject({ action: v.literal('leave'), requestId, room }),
  send: v.strictObject({ action: v.literal('send'), requestId, room, text }),
  submitJob: v.strictObject({
    action: v.literal('submitJob'),
    requestId,
    input: v.strictObject({
      text,
      durationMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60000))),
    }),
  }),
};
export const serverSchemas = {
  pong: v.object({ type: v.literal('pong'), requestId }),
  joined: v.object({ type: v.literal('joined'), requestId, room }),
  left: v.object({ type: v.literal('left'), requestId, room }),
  message: v.object({
    type: v.literal('message'),
    requestId,
    room,
    from: id,
    text,
    id,
    sentAt: v.pipe(v.number(), v.integer()),
  }),
  jobAccepted: v.object({ type: v.literal('jobAccepted'), requestId, jobId: id }),
  jobProgress: v.object({
    type: v.literal('jobProgress'),
    jobId: id,
    percent: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  }),
  jobCompleted: v.object({
    type: v.literal('jobCompleted'),
    jobId: id,
    result: v.object({ text: v.string() }),
  }),
  jobFailed: v.object({
    type: v.literal('jobFailed'),
    jobId: id,
    error: v.object({ code: errorCode, message: v.string() }),
  }),
  error: v.object({ type: v.literal('error'), requestId, code: errorCode, message: v.string() }),
};
export const clientMessage = v.variant('action', Object.values(clientSchemas));

export function check(schema: v.GenericSchema, data: unknown) {
  const r = v.safeParse(schema, data);
  return r.success
    ? { ok: true, value: r.output }
    : { ok: false, path: v.getDotPath(r.issues[0]), message: r.issues[0].message };
}
