/**
 * Routes through their real handlers: API Gateway events in, dynalite through the real SDK, and
 * replies posted to a real HTTP server standing in for the connection URL.
 */
import { createConnectFunction } from '../src/compose/connect.js';
import { createDefaultFunction } from '../src/compose/default.js';
import { createDisconnectFunction } from '../src/compose/disconnect.js';
import { createPingFunction, createRoomsFunction } from './support/message-functions.js';
import { type ConnectionUrl, startConnectionUrl } from './support/connection-url.js';
import { collect, type LocalTable, startLocalTable } from './support/dynamo.js';
import { makeConnectEvent, makeDisconnectEvent, makeMessageEvent, memoryLogger } from './support/events.js';

let table: LocalTable;
let url: ConnectionUrl;
let env: Record<string, string>;

beforeAll(async () => {
  table = await startLocalTable();
});
afterAll(() => table.close());
beforeEach(async () => {
  url = await startConnectionUrl();
  env = {
    TABLE_NAME: table.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    CONNECTIONS_ENDPOINT: url.endpoint,
  };
});
afterEach(() => url.close());

let unique = 0;
const id = (name: string) => {
  unique += 1;
  return `${name}${unique}=`;
};

async function connectAll(...connections: Array<[connectionId: string, userId: string]>) {
  const connect = createConnectFunction(env, memoryLogger());
  for (const [connectionId, userId] of connections) {
    expect(await connect(makeConnectEvent({ connectionId, userId }))).toEqual({ statusCode: 200 });
  }
}

describe('$connect and $disconnect', () => {
  it('records the connection under the authorizer userId, idempotently', async () => {
    const logger = memoryLogger();
    const connect = createConnectFunction(env, logger);
    const connectionId = id('conn');

    await connect(makeConnectEvent({ connectionId, userId: 'alice' }));
    await connect(makeConnectEvent({ connectionId, userId: 'alice' }));

    expect(await table.store.getConnection(connectionId)).toMatchObject({
      userId: 'alice',
      sourceIp: '127.0.0.1',
    });
    expect(logger.lines.map((l) => l.outcome)).toEqual(['ok', 'already-connected']);
    expect(logger.lines[0]).toMatchObject({
      fn: 'connect',
      route: '$connect',
      connectionId,
      durationMs: expect.any(Number),
    });
  });

  it('removes the connection and its memberships, and a repeat is harmless', async () => {
    const connectionId = id('conn');
    await connectAll([connectionId, 'bob']);
    await table.store.joinRoom(connectionId, 'lobby');
    const disconnect = createDisconnectFunction(env, memoryLogger());

    expect(await disconnect(makeDisconnectEvent({ connectionId }))).toEqual({ statusCode: 200 });
    expect(await disconnect(makeDisconnectEvent({ connectionId }))).toEqual({ statusCode: 200 });

    expect(await table.store.getConnection(connectionId)).toBeUndefined();
    expect(await table.store.roomsOf(connectionId)).toEqual([]);
  });
});

describe('rooms', () => {
  it('join replies joined through the connection URL, echoing requestId', async () => {
    const me = id('me');
    await connectAll([me, 'alice']);
    const rooms = createRoomsFunction(env, memoryLogger());

    const result = await rooms(
      makeMessageEvent({
        connectionId: me,
        userId: 'alice',
        body: { action: 'join', room: 'r1', requestId: 'q1' },
      }),
    );

    expect(result).toEqual({ statusCode: 200 });
    expect(url.postsTo(me)).toEqual([{ type: 'joined', room: 'r1', requestId: 'q1' }]);
    expect(await table.store.roomsOf(me)).toEqual(['r1']);
  });

  it('send fans out to the other members; the sender gets its copy with requestId', async () => {
    const [alice, bob, carol, outsider] = [id('a'), id('b'), id('c'), id('o')];
    await connectAll([alice, 'alice'], [bob, 'bob'], [carol, 'carol'], [outsider, 'olga']);
    for (const c of [alice, bob, carol]) await table.store.joinRoom(c, 'chat');
    const logger = memoryLogger();
    const rooms = createRoomsFunction(env, logger);

    await rooms(
      makeMessageEvent({
        connectionId: alice,
        userId: 'alice',
        body: { action: 'send', room: 'chat', text: 'hi', requestId: 's1' },
      }),
    );

    const expected = {
      type: 'message',
      room: 'chat',
      from: 'alice',
      text: 'hi',
      id: expect.any(String),
      sentAt: expect.any(Number),
    };
    expect(url.postsTo(bob)).toEqual([expected]);
    expect(url.postsTo(carol)).toEqual([expected]);
    expect(url.postsTo(alice)).toEqual([{ ...expected, requestId: 's1' }]);
    expect(url.postsTo(outsider)).toEqual([]);
    expect(logger.lines[0]).toMatchObject({
      fn: 'rooms',
      route: 'send',
      outcome: 'ok',
      delivery: { delivered: 2, gone: 0, failed: 0 },
    });
  });

  it('removes a gone member from the room, not the sender', async () => {
    const [alice, ghost] = [id('a'), id('ghost')];
    await connectAll([alice, 'alice'], [ghost, 'ghost']);
    await table.store.joinRoom(alice, 'haunted');
    await table.store.joinRoom(ghost, 'haunted');
    url.gone.add(ghost);
    const rooms = createRoomsFunction(env, memoryLogger());

    await rooms(
      makeMessageEvent({
        connectionId: alice,
        userId: 'alice',
        body: { action: 'send', room: 'haunted', text: 'boo' },
      }),
    );

    const members = await collect(table.store.roomMembers('haunted'));
    expect(members.map((m) => m.connectionId)).toEqual([alice]);
    expect(await table.store.getConnection(ghost)).toBeUndefined();
    expect(await table.store.getConnection(alice)).toBeDefined();
  });

  it('refuses send to a room the sender has not joined with not_in_room', async () => {
    const me = id('me');
    await connectAll([me, 'alice']);
    const rooms = createRoomsFunction(env, memoryLogger());

    await rooms(
      makeMessageEvent({
        connectionId: me,
        userId: 'alice',
        body: { action: 'send', room: 'elsewhere', text: 'x', requestId: 'q9' },
      }),
    );

    expect(url.postsTo(me)).toEqual([
      { type: 'error', code: 'not_in_room', message: expect.any(String), requestId: 'q9' },
    ]);
  });

  it('answers an invalid payload with invalid_payload naming the field', async () => {
    const me = id('me');
    const rooms = createRoomsFunction(env, memoryLogger());
    await rooms(
      makeMessageEvent({
        connectionId: me,
        userId: 'alice',
        body: { action: 'join', room: 'no spaces', requestId: 'q2' },
      }),
    );
    expect(url.postsTo(me)).toEqual([
      { type: 'error', code: 'invalid_payload', message: expect.stringContaining('room'), requestId: 'q2' },
    ]);
  });

  it('leave replies left and is idempotent', async () => {
    const me = id('me');
    await connectAll([me, 'alice']);
    await table.store.joinRoom(me, 'r2');
    const rooms = createRoomsFunction(env, memoryLogger());
    for (const requestId of ['l1', 'l2']) {
      await rooms(
        makeMessageEvent({
          connectionId: me,
          userId: 'alice',
          body: { action: 'leave', room: 'r2', requestId },
        }),
      );
    }
    expect(url.postsTo(me)).toEqual([
      { type: 'left', room: 'r2', requestId: 'l1' },
      { type: 'left', room: 'r2', requestId: 'l2' },
    ]);
    expect(await table.store.roomsOf(me)).toEqual([]);
  });
});

describe('$default and ping', () => {
  it.each([
    ['an unknown action', { action: 'dance', requestId: 'd1' }, 'unknown_action', 'd1'],
    [
      'a known action whose route is not deployed',
      { action: 'ping', requestId: 'd2' },
      'unknown_action',
      'd2',
    ],
    ['a known action with a bad payload', { action: 'join', requestId: 'd3' }, 'invalid_payload', 'd3'],
  ])('answers %s with an error event echoing requestId', async (_label, body, code, requestId) => {
    const me = id('me');
    const handler = createDefaultFunction(env, memoryLogger());
    await handler(makeMessageEvent({ connectionId: me, body, routeKey: '$default' }));
    expect(url.postsTo(me)).toEqual([{ type: 'error', code, message: expect.any(String), requestId }]);
  });

  it('answers text that is not JSON with invalid_json', async () => {
    const me = id('me');
    await createDefaultFunction(env, memoryLogger())(makeMessageEvent({ connectionId: me, body: 'hello?' }));
    expect(url.postsTo(me)).toEqual([{ type: 'error', code: 'invalid_json', message: expect.any(String) }]);
  });

  it('ping is two-way: pong comes back in the route response, nothing is posted', async () => {
    const logger = memoryLogger();
    const result = await createPingFunction(
      {},
      logger,
    )(makeMessageEvent({ connectionId: id('p'), body: { action: 'ping', requestId: 'p1' } }));
    expect(result).toEqual({ statusCode: 200, body: JSON.stringify({ type: 'pong', requestId: 'p1' }) });
    expect(url.posts).toEqual([]);
    expect(logger.lines[0]).toMatchObject({ fn: 'ping', route: 'ping', outcome: 'ok', reply: 'pong' });
  });
});
