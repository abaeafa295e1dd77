// The samples every protocol test runs over: one valid message of every kind and the largest
// valid one. Typed, so a new action or type without its samples fails the typecheck; the tests
// take their lists of actions and types from the schemas.
import {
  type ClientAction,
  type ClientMessageOf,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_ID_LENGTH,
  MAX_JOB_DURATION_MS,
  MAX_JOB_INPUT_TEXT_LENGTH,
  MAX_JOB_RESULT_TEXT_LENGTH,
  MAX_REQUEST_ID_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  type ServerMessageOf,
  type ServerMessageType,
} from '../src/index.js';

export const validClientMessages: { [A in ClientAction]: ClientMessageOf<A> } = {
  ping: { action: 'ping', requestId: 'r-1' },
  join: { action: 'join', room: 'lobby', requestId: 'r-2' },
  leave: { action: 'leave', room: 'lobby' },
  send: { action: 'send', room: 'lobby', text: 'hello, world ✓' },
  submitJob: { action: 'submitJob', input: { text: 'reverse me', durationMs: 1500 }, requestId: 'job:1' },
};

export const validServerMessages: { [T in ServerMessageType]: ServerMessageOf<T> } = {
  pong: { type: 'pong', requestId: 'r-1' },
  joined: { type: 'joined', room: 'lobby', requestId: 'r-2' },
  left: { type: 'left', room: 'lobby' },
  message: {
    type: 'message',
    room: 'lobby',
    from: 'user-1',
    text: 'hi',
    id: 'm-1',
    sentAt: 1_760_000_000_000,
  },
  jobAccepted: { type: 'jobAccepted', jobId: 'job-1', requestId: 'job:1' },
  jobProgress: { type: 'jobProgress', jobId: 'job-1', percent: 42.5 },
  jobCompleted: { type: 'jobCompleted', jobId: 'job-1', result: { text: 'em esrever' } },
  jobFailed: {
    type: 'jobFailed',
    jobId: 'job-1',
    error: { code: 'internal_error', message: 'worker crashed' },
  },
  error: { type: 'error', code: 'not_in_room', message: 'Join "lobby" first', requestId: 'r-9' },
};

/** Client messages that must be refused, with the field the refusal must name. */
export const invalidClientMessages: Array<{ name: string; message: unknown; path: string }> = [
  { name: 'room with a space', message: { action: 'join', room: 'the lobby' }, path: 'room' },
  { name: 'empty room', message: { action: 'leave', room: '' }, path: 'room' },
  { name: 'room too long', message: { action: 'join', room: 'r'.repeat(65) }, path: 'room' },
  { name: 'missing text', message: { action: 'send', room: 'lobby' }, path: 'text' },
  { name: 'text too long', message: { action: 'send', room: 'lobby', text: 'x'.repeat(4097) }, path: 'text' },
  { name: 'text not a string', message: { action: 'send', room: 'lobby', text: 7 }, path: 'text' },
  { name: 'job input missing', message: { action: 'submitJob' }, path: 'input' },
  {
    name: 'job duration negative',
    message: { action: 'submitJob', input: { text: 'a', durationMs: -1 } },
    path: 'input.durationMs',
  },
  {
    name: 'job duration fractional',
    message: { action: 'submitJob', input: { text: 'a', durationMs: 1.5 } },
    path: 'input.durationMs',
  },
  {
    name: 'job input extra key',
    message: { action: 'submitJob', input: { text: 'a', shell: 'rm' } },
    path: 'input.shell',
  },
  { name: 'unknown top-level key', message: { action: 'ping', extra: 1 }, path: 'extra' },
  { name: 'request id with a space', message: { action: 'ping', requestId: 'a b' }, path: 'requestId' },
];

// JSON.stringify writes a control character as `\u0001`: 6 bytes for one UTF-16 code unit,
// the most any code unit can cost.
export const worstText = (length: number) => '\u0001'.repeat(length);
// In printable-ASCII fields the worst is `"`, escaped to 2 bytes.
const worstAscii = (length: number) => '"'.repeat(length);
const room = 'r'.repeat(MAX_ROOM_NAME_LENGTH);
const requestId = worstAscii(MAX_REQUEST_ID_LENGTH);
const id = worstAscii(MAX_ID_LENGTH);

/** The largest valid client message of every action, in the characters JSON escapes the most. */
export const largestClientMessages: { [A in ClientAction]: ClientMessageOf<A> } = {
  ping: { action: 'ping', requestId },
  join: { action: 'join', requestId, room },
  leave: { action: 'leave', requestId, room },
  send: { action: 'send', requestId, room, text: worstText(MAX_TEXT_LENGTH) },
  submitJob: {
    action: 'submitJob',
    requestId,
    input: { text: worstText(MAX_JOB_INPUT_TEXT_LENGTH), durationMs: MAX_JOB_DURATION_MS },
  },
};

const errorText = worstText(MAX_ERROR_MESSAGE_LENGTH);
/** The largest valid server message of every type, likewise. */
export const largestServerMessages: { [T in ServerMessageType]: ServerMessageOf<T> } = {
  pong: { type: 'pong', requestId },
  joined: { type: 'joined', requestId, room },
  left: { type: 'left', requestId, room },
  message: {
    type: 'message',
    requestId,
    room,
    from: id,
    text: worstText(MAX_TEXT_LENGTH),
    id,
    sentAt: Number.MAX_SAFE_INTEGER,
  },
  jobAccepted: { type: 'jobAccepted', requestId, jobId: id },
  jobProgress: { type: 'jobProgress', requestId, jobId: id, percent: 33.333333333333336 },
  jobCompleted: {
    type: 'jobCompleted',
    requestId,
    jobId: id,
    result: { text: worstText(MAX_JOB_RESULT_TEXT_LENGTH) },
  },
  jobFailed: {
    type: 'jobFailed',
    requestId,
    jobId: id,
    error: { code: 'internal_error', message: errorText },
  },
  error: { type: 'error', requestId, code: 'invalid_payload', message: errorText },
};
