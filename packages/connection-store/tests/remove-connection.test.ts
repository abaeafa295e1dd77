import type { ConnectionStore } from '../src/index.js';
import { collect, createTestStore, type LocalDynamo, startDynalite, tableKeys } from './dynalite.js';

// One shard, so the keys below are those of before sharding; a sharded removal is in
// sharded-rooms.test.ts.
describe('removeConnection (one shard)', () => {
  let dynamo: LocalDynamo;
  let store: ConnectionStore;

  beforeAll(async () => {
    dynamo = await startDynalite();
    store = await createTestStore(dynamo, { pageSize: 30, roomShards: 1 });
  });
  afterAll(() => dynamo.close());

  /** Every membership and connection item left in the table (count items apart). */
  async function tableItems(): Promise<string[]> {
    return (await tableKeys(dynamo, store.tableName)).filter((key) => !key.endsWith(' COUNT'));
  }

  it('removes a connection that is in 100 rooms, and only it', async () => {
    const rooms = Array.from({ length: 100 }, (_, i) => `room-${String(i).padStart(3, '0')}`);
    await store.putConnection({ connectionId: 'leaver', userId: 'u-leaver' });
    await store.putConnection({ connectionId: 'stayer', userId: 'u-stayer' });
    for (const room of rooms) await store.joinRoom('leaver', room);
    await store.joinRoom('stayer', 'room-007');
    const before = await tableItems();

    const removed = await store.removeConnection('leaver');

    expect(removed.connection?.userId).toBe('u-leaver');
    expect([...removed.rooms].sort()).toEqual(rooms);
    // The record and both sides of each membership: 1 + 2 * 100, in 9 BatchWriteItem chunks.
    expect(removed.deletedItems).toBe(201);
    expect(before).toHaveLength(201 + 3);
    expect(await tableItems()).toEqual([
      'CONN#stayer META',
      'CONN#stayer ROOM#room-007',
      'ROOM#room-007 CONN#stayer',
    ]);
    expect(await store.getConnection('leaver')).toBeUndefined();
    expect(await store.roomsOf('leaver')).toEqual([]);
    expect((await collect(store.roomMembers('room-007'))).map((m) => m.connectionId)).toEqual(['stayer']);
    expect(await store.connectionsOfUser('u-leaver')).toEqual([]);
    // Each room's count lost the leaver; the stayer is still counted.
    expect(await store.roomMemberCount('room-007')).toBe(1);
    expect(await store.roomMemberCount('room-000')).toBe(0);
  });

  it('is idempotent: removing again, or an unknown connection, deletes nothing', async () => {
    await store.putConnection({ connectionId: 'twice', userId: 'u' });
    await store.joinRoom('twice', 'x');
    await store.removeConnection('twice');

    expect(await store.removeConnection('twice')).toEqual({ rooms: [], deletedItems: 0 });
    expect(await store.removeConnection('never-was')).toEqual({ rooms: [], deletedItems: 0 });
  });

  it('cleans up memberships left behind after the record alone was deleted', async () => {
    await store.putConnection({ connectionId: 'orphan', userId: 'u' });
    await store.joinRoom('orphan', 'o-1');
    await store.joinRoom('orphan', 'o-2');
    await store.deleteConnection('orphan');

    const removed = await store.removeConnection('orphan');

    expect(removed).toEqual({ rooms: ['o-1', 'o-2'], deletedItems: 4 });
    expect(await collect(store.roomMembers('o-1'))).toEqual([]);
  });
});
