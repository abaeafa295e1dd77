import { clientActions, MAX_CLIENT_MESSAGE_BYTES, parseClientMessage, toErrorMessage } from '../src/index.js';
import { invalidClientMessages, validClientMessages } from './fixtures.js';

describe('parseClientMessage', () => {
  it.each(clientActions)('accepts a valid %s message unchanged', (action) => {
    const message = validClientMessages[action];
    expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
  });

  it('refuses text that is not JSON with invalid_json', () => {
    const result = parseClientMessage('{"action": "ping"');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_json' }) });
  });

  it('refuses a missing action with unknown_action', () => {
    const result = parseClientMessage('{"room":"lobby","requestId":"r-5"}');
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_action', message: 'Missing "action"', path: 'action', requestId: 'r-5' },
    });
  });

  it('refuses an action no route serves with unknown_action, naming it', () => {
    const result = parseClientMessage('{"action":"shout","room":"lobby"}');
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_action', message: 'Unknown action "shout"', path: 'action' },
    });
  });

  it('does not treat inherited property names as actions', () => {
    const result = parseClientMessage('{"action":"toString"}');
    expect(result.ok || result.error.code).toBe('unknown_action');
  });

  it('refuses a JSON value that is not an object with invalid_payload', () => {
    for (const raw of ['[]', '"ping"', '42', 'null']) {
      const result = parseClientMessage(raw);
      expect(result.ok || result.error.code).toBe('invalid_payload');
    }
  });

  it.each(invalidClientMessages)('refuses $name with invalid_payload at $path', ({ message, path }) => {
    const result = parseClientMessage(JSON.stringify(message));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_payload');
    expect(result.error.path).toBe(path);
    expect(result.error.message).toContain(`Invalid ${path}:`);
  });

  it('keeps a valid requestId of a refused message so that the error reply can echo it', () => {
    const result = parseClientMessage('{"action":"join","room":"no spaces","requestId":"r-77"}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(toErrorMessage(result.error)).toEqual({
      type: 'error',
      code: 'invalid_payload',
      message: expect.stringContaining('Invalid room'),
      requestId: 'r-77',
    });
  });

  it('drops an invalid requestId from the failure instead of echoing it', () => {
    const result = parseClientMessage(JSON.stringify({ action: 'nope', requestId: 'x'.repeat(500) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.requestId).toBeUndefined();
  });

  it('refuses a message over the 32 KB frame limit before parsing it', () => {
    const text = 'é'.repeat(MAX_CLIENT_MESSAGE_BYTES / 2); // 2 bytes each in UTF-8
    const result = parseClientMessage(JSON.stringify({ action: 'send', room: 'lobby', text }));
    expect(result).toEqual({
      ok: false,
      error: { code: 'message_too_large', message: `Message is over ${MAX_CLIENT_MESSAGE_BYTES} bytes` },
    });
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      5,
      {},
      '',
      '\u0000',
      '{"action":{"toString":1}}',
      '{"__proto__":1}',
    ];
    for (const input of inputs) {
      expect(() => parseClientMessage(input as string)).not.toThrow();
      expect(parseClientMessage(input as string).ok).toBe(false);
    }
  });
});
