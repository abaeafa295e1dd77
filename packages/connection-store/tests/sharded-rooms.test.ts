import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ConnectionStore,
  createConnectionStore,
  DEFAULT_ROOM_SHARDS,
  ShardOutOfRangeError,
  shardOfConnection,
} from '../src/index.js';
import { fnv1a32 } from '../src/shards.js';
import {
  collect,
  createTestStore,
  type LocalDynamo,
  localClient,
  recordCommands,
  startDynalite,
  tableKeys,
} from './dynalite.js';

const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

/** Runs `task` over `items`, `limit` at a time (test setup). */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('shardOfConnection', () => {
  it('is 32-bit FNV-1a of the UTF-8 bytes modulo the shard count, and 0 for one shard', () => {
    // Published FNV-1a test vectors, so another language can compute the same shard.
    expect([fnv1a32(''), fnv1a32('a'), fnv1a32('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    expect(shardOfConnection('foobar', 8)).toBe(0xbf9cf968 % 8);
    expect(shardOfConnection('foobar', 1)).toBe(0);
  });
});

describe('sharded rooms', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.close());

  async function connectAll(store: ConnectionStore, connectionIds: string[]) {
    await inParallel(connectionIds, 16, (connectionId) =>
      store.putConnection({ connectionId, userId: `user-of-${connectionId}` }),
    );
  }

  it('spreads a room over the default 8 shards: one partition key per shard, chosen by the hash', async () => {
    const store = await createTestStore(dynamo);
    const members = ids('spread', 64);
    await connectAll(store, members);

    for (const id of members) await store.joinRoom(id, 'spread');

    const items = await tableKeys(dynamo, store.tableName);
    const roomItems = items.filter((key) => key.startsWith('ROOM#') && !key.endsWith(' COUNT'));
    const partitions = new Set(roomItems.map((key) => key.split(' ')[0]));
    expect(store.roomShardCount).toBe(DEFAULT_ROOM_SHARDS);
    expect([...partitions].sort()).toEqual(Array.from({ length: 8 }, (_, shard) => `ROOM#spread#${shard}`));
    // Each shard's count sits in a partition of its own, apart from the members.
    expect(items.filter((key) => key.endsWith(' COUNT'))).toEqual(
      Array.from({ length: 8 }, (_, shard) => `ROOM#spread#${shard}#COUNT COUNT`),
    );
    expect(await store.roomMemberCount('spread')).toBe(64);
    for (const id of members) {
      expect(roomItems).toContain(`ROOM#spread#${shardOfConnection(id, 8)} CONN#${id}`);
    }
    // The connection side does not move: roomsOf is one Query of the connection's partition.
    expect(await store.roomsOf('spread-000')).toEqual(['spread']);
  });

  it('pages through every shard with small pages: every member once, each page of one shard', async () => {
    const store = await createTestStore(dynamo, { roomShards: 4, pageSize: 2 });
    const members = ids('page', 23);
    await connectAll(store, members);
    for (const id of members) await store.joinRoom(id, 'paged');

    const pages = await collect(store.roomMemberPages('paged'));
    const perShard = await Promise.all(
      [0, 1, 2, 3].map(async (shard) => (await collect(store.roomShardPages('paged', shard))).flat()),
    );

    const read = pages.flat().map((m) => m.connectionId);
    expect(read.sort()).toEqual(members);
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    for (const page of pages) {
      expect(new Set(page.map((m) => shardOfConnection(m.connectionId, 4))).size).toBe(1);
    }
    perShard.forEach((shardMembers, shard) => {
      expect(shardMembers.length).toBeGreaterThan(0);
      expect(shardMembers.every((m) => shardOfConnection(m.connectionId, 4) === shard)).toBe(true);
    });
    expect(
      perShard
        .flat()
        .map((m) => m.connectionId)
        .sort(),
    ).toEqual(members);
    expect((await collect(store.roomMembers('paged', { pageSize: 1 }))).length).toBe(23);
  });

  it('reads shards lazily: a reader that stops at the first member sends one Query', async () => {
    const store = await createTestStore(dynamo, { roomShards: 4 });
    const members = ids('lazy', 12);
    await connectAll(store, members);
    for (const id of members) await store.joinRoom(id, 'lazy');
    const client = localClient(dynamo.endpoint);
    const sent = recordCommands(client);
    const reader = createConnectionStore({ client, tableName: store.tableName, roomShards: 4 });

    for await (const _member of reader.roomMembers('lazy')) break;
    const firstShardFilled = members.some((id) => shardOfConnection(id, 4) === 0);
    client.destroy();

    expect(firstShardFilled).toBe(true);
    expect(sent).toEqual(['QueryCommand']);
  });

  it('refuses a shard the store does not have', async () => {
    const store = await createTestStore(dynamo, { roomShards: 4 });

    for (const shard of [4, -1, 1.5]) {
      const read = collect(store.roomShardPages('any', shard));
      await expect(read).rejects.toBeInstanceOf(ShardOutOfRangeError);
      await expect(read).rejects.toMatchObject({ code: 'SHARD_OUT_OF_RANGE', shard, shardCount: 4 });
    }
    expect(() => createConnectionStore({ client: dynamo.client, tableName: 't', roomShards: 0 })).toThrow(
      RangeError,
    );
  });

  it('with one shard uses the key of before sharding and reads a membership written then', async () => {
    const store = await createTestStore(dynamo, { roomShards: 1 });
    await store.putConnection({ connectionId: 'new', userId: 'u-new' });
    const old = await store.putConnection({ connectionId: 'old', userId: 'u-old' });
    // What the store wrote before sharding and counts: both sides, no joinId.
    const doc = DynamoDBDocumentClient.from(dynamo.client);
    for (const [pk, sk] of [
      ['ROOM#legacy', 'CONN#old'],
      ['CONN#old', 'ROOM#legacy'],
    ]) {
      const item = { pk, sk, room: 'legacy', connectionId: 'old', userId: 'u-old', joinedAtMs: 1 };
      await doc.send(
        new PutCommand({ TableName: store.tableName, Item: { ...item, expiresAt: old.expiresAtSeconds } }),
      );
    }

    await store.joinRoom('new', 'legacy');

    expect(await tableKeys(dynamo, store.tableName)).toEqual([
      'CONN#new META',
      'CONN#new ROOM#legacy',
      'CONN#old META',
      'CONN#old ROOM#legacy',
      'ROOM#legacy CONN#new',
      'ROOM#legacy CONN#old',
      'ROOM#legacy#COUNT COUNT',
    ]);
    expect((await collect(store.roomMembers('legacy'))).map((m) => m.connectionId)).toEqual(['new', 'old']);
    expect(await store.roomsOf('old')).toEqual(['legacy']);
    // The old membership was never counted: a re-join adds it, once.
    expect(await store.roomMemberCount('legacy')).toBe(1);
    await store.joinRoom('old', 'legacy');
    await store.joinRoom('old', 'legacy');
    expect(await store.roomMemberCount('legacy')).toBe(2);
  });

  it('does not subtract the leave of a membership written before counts existed', async () => {
    const store = await createTestStore(dynamo, { roomShards: 1 });
    await store.putConnection({ connectionId: 'counted', userId: 'u' });
    const old = await store.putConnection({ connectionId: 'uncounted', userId: 'u' });
    await store.joinRoom('counted', 'legacy');
    const item = { room: 'legacy', connectionId: 'uncounted', userId: 'u', joinedAtMs: 1 };
    await DynamoDBDocumentClient.from(dynamo.client).send(
      new PutCommand({
        TableName: store.tableName,
        Item: { pk: 'ROOM#legacy', sk: 'CONN#uncounted', ...item, expiresAt: old.expiresAtSeconds },
      }),
    );

    expect(await store.leaveRoom('uncounted', 'legacy')).toBe(true);
    expect(await store.roomMemberCount('legacy')).toBe(1);
  });

  it('removes a connection from the right shard of each room and from each count', async () => {
    const store = await createTestStore(dynamo, { roomShards: 8 });
    const rooms = ['r-a', 'r-b', 'r-c'];
    await connectAll(store, ['leaver', 'stayer']);
    for (const room of rooms) {
      await store.joinRoom('leaver', room);
      await store.joinRoom('stayer', room);
    }

    const removed = await store.removeConnection('leaver');

    expect(removed).toMatchObject({ rooms, deletedItems: 7 });
    const left = await tableKeys(dynamo, store.tableName);
    expect(left.filter((key) => key.includes('leaver'))).toEqual([]);
    for (const room of rooms) {
      expect(left).toContain(`ROOM#${room}#${shardOfConnection('stayer', 8)} CONN#stayer`);
      expect((await collect(store.roomMembers(room))).map((m) => m.connectionId)).toEqual(['stayer']);
      expect(await store.roomMemberCount(room)).toBe(1);
    }
  });

  it('takes a join storm of 300 connections into one room, counted exactly, every shard used', async () => {
    const store = await createTestStore(dynamo);
    const members = ids('storm', 300);
    await connectAll(store, members);

    await Promise.all(members.map((id) => store.joinRoom(id, 'storm')));
    const countAfterStorm = await store.roomMemberCount('storm');
    // The same storm again (clients retrying their join): nobody is counted twice.
    await Promise.all(members.map((id) => store.joinRoom(id, 'storm')));

    const read = (await collect(store.roomMembers('storm'))).map((m) => m.connectionId);
    expect(countAfterStorm).toBe(300);
    expect(await store.roomMemberCount('storm')).toBe(300);
    expect(read.sort()).toEqual(members);
    const perShard = await Promise.all(
      Array.from({ length: 8 }, async (_, shard) =>
        (await collect(store.roomShardPages('storm', shard))).flat(),
      ),
    );
    expect(perShard.every((shardMembers) => shardMembers.length > 0)).toBe(true);
  });
});
