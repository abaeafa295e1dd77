import { ConnectionNotFoundError, type ConnectionStore, createConnectionStore } from '../src/index.js';
import {
  collect,
  createTestStore,
  type LocalDynamo,
  localClient,
  manualClock,
  recordCommands,
  startDynalite,
} from './dynalite.js';

// One shard: the layout of before sharding, whose exact pages these tests pin. Sharded rooms:
// sharded-rooms.test.ts; counts: room-count.test.ts.
describe('rooms (one shard)', () => {
  let dynamo: LocalDynamo;
  let store: ConnectionStore;
  const clock = manualClock();

  beforeAll(async () => {
    dynamo = await startDynalite();
    store = await createTestStore(dynamo, { now: clock.now, pageSize: 3, roomShards: 1 });
  });
  afterAll(() => dynamo.close());

  async function connect(connectionId: string, userId = `user-of-${connectionId}`) {
    return store.putConnection({ connectionId, userId });
  }

  it('joins a room: the membership carries the user and expires with the connection', async () => {
    const connection = await connect('j-1', 'u-j');
    clock.advance(5_000);

    const membership = await store.joinRoom('j-1', 'lobby');

    expect(membership).toEqual({
      room: 'lobby',
      connectionId: 'j-1',
      userId: 'u-j',
      joinedAtMs: clock.now(),
      expiresAtSeconds: connection.expiresAtSeconds,
    });
    expect(await collect(store.roomMembers('lobby'))).toEqual([membership]);
    expect(await store.roomsOf('j-1')).toEqual(['lobby']);
  });

  it('refuses a join by a connection that is not recorded', async () => {
    const join = store.joinRoom('j-ghost', 'lobby-2');

    await expect(join).rejects.toBeInstanceOf(ConnectionNotFoundError);
    await expect(join).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND', connectionId: 'j-ghost' });
    expect(await collect(store.roomMembers('lobby-2'))).toEqual([]);
  });

  it('joining twice leaves one membership', async () => {
    await connect('j-twice');

    await store.joinRoom('j-twice', 'twice');
    await store.joinRoom('j-twice', 'twice');

    expect((await collect(store.roomMembers('twice'))).map((m) => m.connectionId)).toEqual(['j-twice']);
  });

  it('pages through a room with Query pages of pageSize, every member exactly once', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `p-${String(i).padStart(2, '0')}`);
    for (const id of ids) {
      await connect(id);
      await store.joinRoom(id, 'big');
    }

    const pages = await collect(store.roomMemberPages('big'));
    const smallerPages = await collect(store.roomMemberPages('big', { pageSize: 4 }));

    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flat().map((m) => m.connectionId)).toEqual(ids);
    expect(smallerPages.map((page) => page.length)).toEqual([4, 4, 2]);
  });

  it('fetches pages lazily: stopping early reads no further page', async () => {
    for (const id of ['l-1', 'l-2', 'l-3', 'l-4', 'l-5', 'l-6', 'l-7']) {
      await connect(id);
      await store.joinRoom(id, 'lazy');
    }
    const client = localClient(dynamo.endpoint);
    const sent = recordCommands(client);
    const reader = createConnectionStore({
      client,
      tableName: store.tableName,
      pageSize: 3,
      now: clock.now,
      roomShards: 1,
    });
    const seen: string[] = [];

    for await (const member of reader.roomMembers('lazy')) {
      seen.push(member.connectionId);
      if (seen.length === 4) break;
    }
    const all = await collect(reader.roomMembers('lazy'));
    client.destroy();

    expect(seen).toEqual(['l-1', 'l-2', 'l-3', 'l-4']);
    // Two pages for the early stop, then three (3 + 3 + 1) for the full read.
    expect(sent).toEqual(Array(5).fill('QueryCommand'));
    expect(all).toHaveLength(7);
  });

  it('skips members whose TTL has passed', async () => {
    const early = await connect('t-early');
    await store.joinRoom('t-early', 'ttl-room');
    clock.advance(60 * 60 * 1000);
    await connect('t-late');
    await store.joinRoom('t-late', 'ttl-room');

    clock.set(early.expiresAtSeconds * 1000);
    const members = await collect(store.roomMembers('ttl-room'));
    const rooms = await store.roomsOf('t-early');
    clock.set(early.connectedAtMs);

    expect(members.map((m) => m.connectionId)).toEqual(['t-late']);
    expect(rooms).toEqual([]);
  });

  it('leaves a room idempotently and keeps the other rooms', async () => {
    await connect('lv');
    for (const room of ['r-a', 'r-b', 'r-c', 'r-d']) await store.joinRoom('lv', room);

    expect(await store.leaveRoom('lv', 'r-b')).toBe(true);
    expect(await store.leaveRoom('lv', 'r-b')).toBe(false);
    expect(await store.leaveRoom('lv', 'never-joined')).toBe(false);

    expect(await store.roomsOf('lv')).toEqual(['r-a', 'r-c', 'r-d']);
    expect(await collect(store.roomMembers('r-b'))).toEqual([]);
  });

  it('lists rooms of a connection across pages, and none for a stranger', async () => {
    await connect('many');
    const rooms = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6', 'm-7'];
    for (const room of rooms) await store.joinRoom('many', room);

    expect(await store.roomsOf('many')).toEqual(rooms);
    expect(await store.roomsOf('stranger')).toEqual([]);
  });

  it('keeps room names that look like keys apart', async () => {
    await connect('k-1');
    await store.joinRoom('k-1', 'META');
    await store.joinRoom('k-1', 'a#b');

    expect((await store.getConnection('k-1'))?.connectionId).toBe('k-1');
    expect(await store.roomsOf('k-1')).toEqual(['META', 'a#b']);
    expect((await collect(store.roomMembers('a#b'))).map((m) => m.room)).toEqual(['a#b']);
  });
});
