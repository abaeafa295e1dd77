import {
  ConnectionExistsError,
  type ConnectionStore,
  ConnectionStoreError,
  createConnectionStore,
} from '../src/index.js';
import { createTestStore, type LocalDynamo, manualClock, startDynalite } from './dynalite.js';

const TWO_HOURS_S = 2 * 60 * 60;

describe('connections', () => {
  let dynamo: LocalDynamo;
  let store: ConnectionStore;
  const clock = manualClock();

  beforeAll(async () => {
    dynamo = await startDynalite();
    store = await createTestStore(dynamo, { now: clock.now });
  });
  afterAll(() => dynamo.close());

  it('puts a connection with a TTL of connected-at + 2 h + 15 min slack, and gets it back', async () => {
    const put = await store.putConnection({ connectionId: 'c-put', userId: 'u-1', sourceIp: '203.0.113.7' });

    const expected = {
      connectionId: 'c-put',
      userId: 'u-1',
      sourceIp: '203.0.113.7',
      connectedAtMs: clock.now(),
      expiresAtSeconds: clock.now() / 1000 + TWO_HOURS_S + 900,
    };
    expect(put).toEqual(expected);
    expect(await store.getConnection('c-put')).toEqual(expected);
  });

  it('takes the connected-at time and the slack from the caller', async () => {
    const custom = await createTestStore(dynamo, { now: clock.now, connectionTtlSlackSeconds: 60 });
    const connectedAtMs = Date.UTC(2026, 5, 1, 0, 0, 0, 999);

    const put = await custom.putConnection({ connectionId: 'c-ttl', userId: 'u', connectedAtMs });

    // Epoch seconds, rounded down: DynamoDB TTL ignores anything else.
    expect(put.expiresAtSeconds).toBe(Math.floor(connectedAtMs / 1000) + TWO_HOURS_S + 60);
    expect((await custom.getConnection('c-ttl'))?.expiresAtSeconds).toBe(put.expiresAtSeconds);
  });

  it('refuses to overwrite an existing connection and keeps the first record', async () => {
    await store.putConnection({ connectionId: 'c-dup', userId: 'first' });

    const second = store.putConnection({ connectionId: 'c-dup', userId: 'second' });

    await expect(second).rejects.toBeInstanceOf(ConnectionExistsError);
    await expect(second).rejects.toMatchObject({
      code: 'CONNECTION_EXISTS',
      connectionId: 'c-dup',
      cause: expect.objectContaining({ name: 'ConditionalCheckFailedException' }),
    });
    expect((await store.getConnection('c-dup'))?.userId).toBe('first');
  });

  it('returns undefined for an unknown connection', async () => {
    expect(await store.getConnection('c-never')).toBeUndefined();
  });

  it('hides a record past its TTL that DynamoDB has not deleted yet', async () => {
    const put = await store.putConnection({ connectionId: 'c-old', userId: 'u-old' });

    clock.set(put.expiresAtSeconds * 1000);
    const afterExpiry = await store.getConnection('c-old');
    clock.set(put.connectedAtMs);

    expect(afterExpiry).toBeUndefined();
    expect(await store.getConnection('c-old')).toBeDefined();
  });

  it('deletes idempotently, saying whether there was a record', async () => {
    await store.putConnection({ connectionId: 'c-del', userId: 'u' });

    expect(await store.deleteConnection('c-del')).toBe(true);
    expect(await store.deleteConnection('c-del')).toBe(false);
    expect(await store.getConnection('c-del')).toBeUndefined();
  });

  it('lists the live connections of a user through the user index, across pages', async () => {
    const paged = await createTestStore(dynamo, { now: clock.now, pageSize: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e'])
      await paged.putConnection({ connectionId: `u7-${id}`, userId: 'u-7' });
    await paged.putConnection({ connectionId: 'other', userId: 'u-8' });
    await paged.deleteConnection('u7-c');

    const connections = await paged.connectionsOfUser('u-7');

    expect(connections.map((c) => c.connectionId).sort()).toEqual(['u7-a', 'u7-b', 'u7-d', 'u7-e']);
    expect(connections.every((c) => c.userId === 'u-7')).toBe(true);
    expect(await paged.connectionsOfUser('nobody')).toEqual([]);
  });

  it('translates SDK failures into ConnectionStoreError with the SDK error as cause', async () => {
    const missingTable = createConnectionStore({
      client: dynamo.client,
      tableName: 'no-such-table',
    });

    const failure = missingTable.getConnection('c');

    await expect(failure).rejects.toBeInstanceOf(ConnectionStoreError);
    await expect(failure).rejects.toMatchObject({
      code: 'STORE_FAILED',
      cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
  });
});
