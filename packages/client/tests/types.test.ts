// Type tests: `tsc --noEmit` (the typecheck script) compiles this file, so each
// `@ts-expect-error` fails the typecheck if the line it marks ever compiles.
import type { ServerMessageOf } from '@switchboard/protocol';
import { WebSocket } from 'ws';
import { createClient, type SwitchboardClient } from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<_T extends true>(): void {}

// Compiled, never run: what a consumer writes.
async function consumer(client: SwitchboardClient): Promise<string> {
  client.on('message', (message) => {
    assertType<Equal<typeof message, ServerMessageOf<'message'>>>();
    message.sentAt.toFixed();
  });
  client.on('state', (state) => {
    if (state.status === 'reconnecting') new Date(state.nextRetryAt);
    // @ts-expect-error nextRetryAt exists only while reconnecting
    state.nextRetryAt;
  });
  // @ts-expect-error not an event type
  client.on('bogus', () => {});
  const joined = await client.request('join', { room: 'lobby' });
  assertType<Equal<typeof joined, ServerMessageOf<'joined'>>>();
  const accepted = await client.request('submitJob', { input: { text: 'x' } });
  // @ts-expect-error join needs a room
  await client.request('join', {});
  // @ts-expect-error ping is not answered by joined
  const _wrong: ServerMessageOf<'joined'> = await client.request('ping', {});
  return `${joined.room} ${accepted.jobId}`;
}

describe('types', () => {
  it('accept the ws WebSocket class as the WebSocket option', () => {
    const client = createClient({
      url: 'ws://127.0.0.1:9',
      WebSocket,
      reconnect: { initialDelayMs: 60_000 },
    });
    expect(typeof consumer).toBe('function');
    client.close();
    expect(client.state.status).toBe('closed');
  });
});
