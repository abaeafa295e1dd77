// Type tests: `tsc --noEmit` (the typecheck script) compiles this file, so each
// `@ts-expect-error` fails the typecheck if the line it marks ever compiles.
import {
  type ClientMessage,
  type ClientMessageOf,
  type ErrorCode,
  type ParseResult,
  parseClientMessage,
  type parseServerMessage,
  type ReplyOf,
  type ServerMessage,
} from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<_T extends true>(): void {}

// A consumer's router: each case sees only its own fields, and the default branch sees exactly the
// actions no case named (derived, so a new action needs no edit here).
function describeClientMessage(message: ClientMessage): string {
  switch (message.action) {
    case 'ping':
      // @ts-expect-error a ping has no room
      return `ping ${message.room}`;
    case 'join':
    case 'leave':
      return `${message.action} ${message.room}`;
    case 'send':
      return `send ${message.text.length} to ${message.room}`;
    case 'submitJob':
      return `job ${message.input.text} ${message.input.durationMs ?? 0}`;
    default: {
      // Narrowing removed exactly the cases above (whatever other actions the protocol has).
      type Handled = { action: 'ping' | 'join' | 'leave' | 'send' | 'submitJob' };
      assertType<Equal<typeof message, Exclude<ClientMessage, Handled>>>();
      return (message as ClientMessage).action;
    }
  }
}

function describeServerMessage(message: ServerMessage): string {
  switch (message.type) {
    case 'message':
      return `${message.from}: ${message.text} at ${message.sentAt}`;
    case 'jobProgress':
      return `${message.jobId} ${message.percent}%`;
    case 'jobCompleted':
      // @ts-expect-error a completed job has a result, not an error
      return message.error.message;
    case 'error': {
      const code: ErrorCode = message.code;
      return code;
    }
    default:
      return message.type;
  }
}

function firstAction(raw: string): string {
  const parsed = parseClientMessage(raw);
  // @ts-expect-error the value exists only once `ok` is checked
  parsed.value;
  return parsed.ok ? parsed.value.action : parsed.error.code;
}

assertType<Equal<ReplyOf<'join'>['type'], 'joined'>>();
assertType<Equal<ReplyOf<'submitJob'>, Extract<ServerMessage, { type: 'jobAccepted' }>>>();
assertType<Equal<ClientMessageOf<'send'>['text'], string>>();
assertType<
  Equal<
    ReturnType<typeof parseServerMessage> extends ParseResult<infer T, infer _C> ? T : never,
    ServerMessage
  >
>();
// @ts-expect-error 'shout' is not an action
const _shout: ClientMessage = { action: 'shout' };
// @ts-expect-error a join needs a room
const _join: ClientMessageOf<'join'> = { action: 'join' };

describe('types', () => {
  it('narrow client messages on action', () => {
    expect(describeClientMessage({ action: 'send', room: 'lobby', text: 'hey' })).toBe('send 3 to lobby');
    expect(describeClientMessage({ action: 'submitJob', input: { text: 'x' } })).toBe('job x 0');
  });

  it('narrow server messages on type', () => {
    expect(describeServerMessage({ type: 'jobProgress', jobId: 'j1', percent: 50 })).toBe('j1 50%');
    expect(describeServerMessage({ type: 'error', code: 'forbidden', message: 'no' })).toBe('forbidden');
  });

  it('narrow parse results on ok', () => {
    expect(firstAction('{"action":"ping"}')).toBe('ping');
    expect(firstAction('nope')).toBe('invalid_json');
  });
});
