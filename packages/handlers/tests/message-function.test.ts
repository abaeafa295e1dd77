import type { RoomMembership } from '@switchboard/connection-store';
import { createMessageFunction } from '../src/compose/message-function.js';
import { join } from '../src/routes/join.js';
import { leave } from '../src/routes/leave.js';
import { makeMessageEvent, memoryLogger } from './support/events.js';

describe('createMessageFunction', () => {
  it('binds its routes to their dependencies once per environment, at the first call, not per call', async () => {
    const built: string[] = [];
    const rooms: string[] = [];
    const store = {
      joinRoom: async (connectionId: string, room: string) => {
        rooms.push(`+${room}`);
        return { connectionId, room } as RoomMembership;
      },
      leaveRoom: async (_connectionId: string, room: string) => {
        rooms.push(`-${room}`);
        return true;
      },
    };
    const handler = createMessageFunction(
      'rooms',
      { join, leave },
      {
        deps: () => {
          built.push('deps');
          return { store };
        },
        notifierFor: () => ({
          postToOne: async () => ({ delivered: 1, gone: [], failed: [] }),
          postToMany: async () => ({ delivered: 0, gone: [], failed: [] }),
        }),
      },
      memoryLogger(),
    );
    // Importing a bundle builds nothing: a cold start without configuration must not fail.
    expect(built).toEqual([]);

    for (const body of [
      { action: 'join', room: 'a' },
      { action: 'leave', room: 'a' },
      { action: 'join', room: 'b' },
    ]) {
      expect(await handler(makeMessageEvent({ connectionId: 'C1=', body }))).toEqual({ statusCode: 200 });
    }

    expect(rooms).toEqual(['+a', '-a', '+b']);
    expect(built).toEqual(['deps']);
  });

  it('tries to build its dependencies again after a first call that failed to', async () => {
    let attempts = 0;
    const handler = createMessageFunction(
      'rooms',
      { leave },
      {
        deps: () => {
          attempts += 1;
          if (attempts === 1) throw new Error('TABLE_NAME is not set');
          return { store: { leaveRoom: async () => true } };
        },
        notifierFor: () => ({
          postToOne: async () => ({ delivered: 1, gone: [], failed: [] }),
          postToMany: async () => ({ delivered: 0, gone: [], failed: [] }),
        }),
      },
      memoryLogger(),
    );
    const event = makeMessageEvent({ connectionId: 'C1=', body: { action: 'leave', room: 'a' } });
    expect(await handler(event)).toEqual({ statusCode: 500 });
    expect(await handler(event)).toEqual({ statusCode: 200 });
    expect(attempts).toBe(2);
  });
});
