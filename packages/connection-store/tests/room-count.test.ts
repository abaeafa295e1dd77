import { type ConnectionStore, createConnectionStore, shardOfConnection } from '../src/index.js';
import { type DynamoFaultProxy, startDynamoFaultProxy } from '../src/testing/index.js';
import {
  collect,
  createTestStore,
  type LocalDynamo,
  localClient,
  manualClock,
  startDynalite,
} from './dynalite.js';

describe('roomMemberCount', () => {
  let dynamo: LocalDynamo;
  let store: ConnectionStore;
  const clock = manualClock();

  beforeAll(async () => {
    dynamo = await startDynalite();
    // The default shards (8): a count is the sum over them.
    store = await createTestStore(dynamo, { now: clock.now });
  });
  afterAll(() => dynamo.close());

  it('counts a real join and a real leave only', async () => {
    for (const connectionId of ['a', 'b', 'c']) await store.putConnection({ connectionId, userId: 'u' });
    const counts: number[] = [];
    const count = async () => counts.push(await store.roomMemberCount('counted'));

    await count();
    await store.joinRoom('a', 'counted');
    await count();
    await store.joinRoom('a', 'counted'); // re-join
    await count();
    await store.joinRoom('b', 'counted');
    await count();
    expect(await store.leaveRoom('a', 'counted')).toBe(true);
    await count();
    expect(await store.leaveRoom('a', 'counted')).toBe(false); // leave again
    await count();
    expect(await store.leaveRoom('c', 'counted')).toBe(false); // never a member
    await count();
    await store.removeConnection('b');
    await count();
    await store.removeConnection('b');
    await count();

    expect(counts).toEqual([0, 1, 1, 2, 1, 1, 1, 0, 0]);
  });

  it('subtracts once when a leave and a $disconnect race for the same membership', async () => {
    await store.putConnection({ connectionId: 'racer', userId: 'u' });
    await store.putConnection({ connectionId: 'other', userId: 'u' });
    await store.joinRoom('racer', 'race');
    await store.joinRoom('other', 'race');

    await Promise.all([store.leaveRoom('racer', 'race'), store.removeConnection('racer')]);

    expect(await store.roomMemberCount('race')).toBe(1);
  });

  it('is an upper bound once TTL hides a member, and restarts when the count itself expires', async () => {
    const lost = await store.putConnection({ connectionId: 'lost', userId: 'u' });
    clock.advance(60_000);
    await store.joinRoom('lost', 'ttl');

    // The connection's $disconnect never came: its membership expires, the count keeps it.
    clock.set(lost.expiresAtSeconds * 1000);
    const membersAtExpiry = await collect(store.roomMembers('ttl'));
    const countAtExpiry = await store.roomMemberCount('ttl');
    // Past the latest TTL any member counted could have, the count reads 0 ...
    clock.advance(24 * 60 * 60 * 1000);
    const countLater = await store.roomMemberCount('ttl');
    // ... and a new join into the same shard starts it again at 1, not at the stale 1 + 1.
    const fresh = Array.from({ length: 100 }, (_, i) => `fresh-${i}`).find(
      (id) => shardOfConnection(id, 8) === shardOfConnection('lost', 8),
    )!;
    await store.putConnection({ connectionId: fresh, userId: 'u' });
    await store.joinRoom(fresh, 'ttl');
    const countAfterJoin = await store.roomMemberCount('ttl');
    // The stale membership's late cleanup does not subtract from the new count.
    await store.removeConnection('lost');
    const countAfterCleanup = await store.roomMemberCount('ttl');
    clock.set(Date.UTC(2026, 0, 1, 12, 0, 0));

    expect(membersAtExpiry).toEqual([]);
    expect(countAtExpiry).toBe(1);
    expect(countLater).toBe(0);
    expect(countAfterJoin).toBe(1);
    expect(countAfterCleanup).toBe(1);
  });

  describe('when the SDK retries a write whose answer was lost', () => {
    let proxy: DynamoFaultProxy;
    let viaProxy: ConnectionStore;

    beforeAll(async () => {
      proxy = await startDynamoFaultProxy(dynamo.endpoint);
      const client = localClient(proxy.endpoint);
      viaProxy = createConnectionStore({ client, tableName: store.tableName, now: clock.now });
    });
    afterAll(() => proxy.close());
    afterEach(() => proxy.clear());

    /** The room side's UpdateItem (the one with a joinId) is applied, then answered 500, once. */
    function loseFirstAnswerToRoomSideWrite() {
      proxy.inject({
        fault: 'applied-internal',
        operations: ['UpdateItem'],
        match: (body) => body.includes(':joinId'),
        maxAttempt: 1,
      });
    }

    it('counts a join whose first attempt was applied and answered 500', async () => {
      await store.putConnection({ connectionId: 'retried', userId: 'u' });
      loseFirstAnswerToRoomSideWrite();

      await viaProxy.joinRoom('retried', 'lost-answer');

      expect(proxy.stats.faults['applied-internal']).toBe(1);
      expect(proxy.stats.sdkRetries).toBeGreaterThan(0);
      expect(await store.roomMemberCount('lost-answer')).toBe(1);
    });

    it('does not count a re-join whose first attempt was applied and answered 500', async () => {
      await store.putConnection({ connectionId: 'rejoiner', userId: 'u' });
      await store.joinRoom('rejoiner', 'lost-rejoin');
      loseFirstAnswerToRoomSideWrite();

      await viaProxy.joinRoom('rejoiner', 'lost-rejoin');

      expect(proxy.stats.faults['applied-internal']).toBeGreaterThan(0);
      expect(await store.roomMemberCount('lost-rejoin')).toBe(1);
    });
  });
});
