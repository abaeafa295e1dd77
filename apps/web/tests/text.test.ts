import {
  ConnectionLostError,
  InvalidMessageError,
  QueueOverflowError,
  RequestTimeoutError,
  ServerError,
} from '@switchboard/client';
import { ROOM_NAME_PATTERN } from '@switchboard/protocol';
import { patternAttribute } from '../src/dom.js';
import { describeError } from '../src/error-text.js';
import { displayName } from '../src/rooms-view.js';

describe('describeError', () => {
  it("gives the server's message with its code", () => {
    const error = new ServerError('not_in_room', 'Join "x" before sending to it', 'send', 'r-1');
    expect(describeError(error)).toBe('Join "x" before sending to it (not_in_room)');
  });

  it('explains what the client itself ran into', () => {
    expect(describeError(new RequestTimeoutError('join', 'r-2', 10_000))).toBe(
      'No answer from the server within 10 s.',
    );
    expect(describeError(new ConnectionLostError('closed with 1006'))).toMatch(/connection dropped/);
    expect(describeError(new QueueOverflowError(100))).toMatch(/Too many messages/);
    expect(
      describeError(
        new InvalidMessageError({ code: 'invalid_payload', message: 'room: too long', path: 'room' }),
      ),
    ).toBe('Not sent: room: too long');
    expect(describeError(new Error('boom'))).toBe('Failed: boom');
  });
});

describe('patternAttribute', () => {
  it("turns the protocol's room pattern into one a browser compiles with the v flag", () => {
    const attribute = patternAttribute(ROOM_NAME_PATTERN);
    expect(attribute).toBe('[A-Za-z0-9_\\-]+');
    // What the browser does with a pattern attribute.
    const browser = new RegExp(`^(?:${attribute})$`, 'v');
    expect(browser.test('lobby_2-b')).toBe(true);
    expect(browser.test('not a room')).toBe(false);
  });
});

describe('displayName', () => {
  it('shortens guest ids and keeps other user ids', () => {
    expect(displayName('guest-1a2b3c4d-0000-4000-8000-000000000000')).toBe('guest 1a2b3c');
    expect(displayName('user-42')).toBe('user-42');
  });
});
