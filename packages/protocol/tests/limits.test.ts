// Builds the largest valid message of every kind, with the characters JSON escapes the most,
// and checks that it stays under API Gateway's limits.
import {
  type ClientAction,
  type ClientMessageOf,
  clientActions,
  createErrorMessage,
  MAX_CLIENT_MESSAGE_BYTES,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_ID_LENGTH,
  MAX_JOB_DURATION_MS,
  MAX_JOB_INPUT_TEXT_LENGTH,
  MAX_JOB_RESULT_TEXT_LENGTH,
  MAX_REQUEST_ID_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MAX_SERVER_MESSAGE_BYTES,
  MAX_TEXT_LENGTH,
  parseClientMessage,
  parseServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
  serverMessageTypes,
} from '../src/index.js';

// JSON.stringify writes a control character as `\u0001`: 6 bytes for one UTF-16 code unit,
// the most any code unit can cost.
const worstText = (length: number) => '\u0001'.repeat(length);
// In printable-ASCII fields the worst is `"`, escaped to 2 bytes.
const worstAscii = (length: number) => '"'.repeat(length);
const room = 'r'.repeat(MAX_ROOM_NAME_LENGTH);
const requestId = worstAscii(MAX_REQUEST_ID_LENGTH);
const id = worstAscii(MAX_ID_LENGTH);

const worstClient: { [A in ClientAction]: ClientMessageOf<A> } = {
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
const worstServer: { [T in ServerMessageType]: ServerMessageOf<T> } = {
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

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

describe('limits', () => {
  it.each(clientActions)('keep the largest valid %s message within one 32 KB frame', (action) => {
    const raw = JSON.stringify(worstClient[action]);
    expect(parseClientMessage(raw).ok).toBe(true);
    expect(utf8Bytes(raw)).toBeLessThanOrEqual(MAX_CLIENT_MESSAGE_BYTES);
  });

  it.each(serverMessageTypes)('keep the largest valid %s message under 128 KB', (type) => {
    const raw = JSON.stringify(worstServer[type]);
    expect(parseServerMessage(raw).ok).toBe(true);
    expect(utf8Bytes(raw)).toBeLessThanOrEqual(MAX_SERVER_MESSAGE_BYTES);
  });

  it('are the limits the schemas enforce: one character more is refused', () => {
    const tooLong = { ...worstClient.send, text: worstText(MAX_TEXT_LENGTH + 1) };
    const result = parseClientMessage(JSON.stringify(tooLong));
    expect(result.ok || result.error).toEqual(
      expect.objectContaining({ code: 'invalid_payload', path: 'text' }),
    );
  });

  it('cut an error text to the limit in createErrorMessage', () => {
    const message = createErrorMessage('internal_error', 'x'.repeat(MAX_ERROR_MESSAGE_LENGTH + 10));
    expect(message.message).toHaveLength(MAX_ERROR_MESSAGE_LENGTH);
    expect(message).not.toHaveProperty('requestId');
  });
});
