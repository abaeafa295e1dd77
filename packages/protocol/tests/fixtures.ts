// One valid message of every kind; typed so that a new action or type without a sample fails
// the typecheck.
import type { ClientAction, ClientMessageOf, ServerMessageOf, ServerMessageType } from '../src/index.js';

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
