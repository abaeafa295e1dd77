import { parseServerMessage, serverMessageTypes } from '../src/index.js';
import { validServerMessages } from './fixtures.js';

describe('parseServerMessage', () => {
  it.each(serverMessageTypes)('accepts a valid %s message unchanged', (type) => {
    const message = validServerMessages[type];
    expect(parseServerMessage(JSON.stringify(message))).toEqual({ ok: true, value: message });
  });

  it('refuses text that is not JSON with invalid_json', () => {
    expect(parseServerMessage('pong')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid_json' }),
    });
  });

  it('refuses an unknown type with unknown_type, keeping the requestId', () => {
    expect(parseServerMessage('{"type":"typing","requestId":"r-1"}')).toEqual({
      ok: false,
      error: { code: 'unknown_type', message: 'Unknown type "typing"', path: 'type', requestId: 'r-1' },
    });
  });

  it("refuses API Gateway's own error frame, which has no type", () => {
    const frame =
      '{"message": "Forbidden", "connectionId":"XDmENcnwIE0CFEQ=", "requestId":"XDmGEE2RoE0FRdQ="}';
    const result = parseServerMessage(frame);
    expect(result.ok || result.error).toEqual(
      expect.objectContaining({ code: 'unknown_type', path: 'type' }),
    );
  });

  it('refuses an invalid field with invalid_payload and its path', () => {
    const result = parseServerMessage('{"type":"jobProgress","jobId":"j","percent":101}');
    expect(result.ok || result.error).toEqual(
      expect.objectContaining({ code: 'invalid_payload', path: 'percent' }),
    );
  });

  it('refuses an error message with a code outside the table', () => {
    const result = parseServerMessage('{"type":"error","code":"oops","message":"?"}');
    expect(result.ok || result.error).toEqual(
      expect.objectContaining({ code: 'invalid_payload', path: 'code' }),
    );
  });

  it('drops fields it does not know, so that a newer server does not break an older client', () => {
    const result = parseServerMessage('{"type":"joined","room":"lobby","members":3}');
    expect(result).toEqual({ ok: true, value: { type: 'joined', room: 'lobby' } });
  });
});
