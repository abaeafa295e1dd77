// Checks that the largest valid message of every kind (tests/fixtures.ts) stays under API
// Gateway's limits.
import {
  clientActions,
  createErrorMessage,
  MAX_CLIENT_MESSAGE_BYTES,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_SERVER_MESSAGE_BYTES,
  MAX_TEXT_LENGTH,
  parseClientMessage,
  parseServerMessage,
  serverMessageTypes,
} from '../src/index.js';
import { largestClientMessages, largestServerMessages, worstText } from './fixtures.js';

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

describe('limits', () => {
  it.each(clientActions)('keep the largest valid %s message within one 32 KB frame', (action) => {
    const raw = JSON.stringify(largestClientMessages[action]);
    expect(parseClientMessage(raw).ok).toBe(true);
    expect(utf8Bytes(raw)).toBeLessThanOrEqual(MAX_CLIENT_MESSAGE_BYTES);
  });

  it.each(serverMessageTypes)('keep the largest valid %s message under 128 KB', (type) => {
    const raw = JSON.stringify(largestServerMessages[type]);
    expect(parseServerMessage(raw).ok).toBe(true);
    expect(utf8Bytes(raw)).toBeLessThanOrEqual(MAX_SERVER_MESSAGE_BYTES);
  });

  it('are the limits the schemas enforce: one character more is refused', () => {
    const tooLong = { ...largestClientMessages.send, text: worstText(MAX_TEXT_LENGTH + 1) };
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
