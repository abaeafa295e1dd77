/**
 * Faults dynalite cannot produce (UnprocessedItems, throttling) through a mocked document
 * client, asserting the exact commands the store sends.
 */
import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { backoffDelayMs } from '../src/batch-write.js';
import {
  type ConnectionStore,
  ConnectionStoreError,
  ConnectionStoreThrottledError,
  createConnectionStore,
  UnprocessedItemsError,
} from '../src/index.js';

const TABLE = 'mocked';
const docMock = mockClient(DynamoDBDocumentClient);
const metadata = { $metadata: {} };

/** The items `removeConnection` finds for a connection in `roomCount` rooms. */
function partitionOf(connectionId: string, roomCount: number) {
  const rooms = Array.from({ length: roomCount }, (_, i) => `r${String(i).padStart(2, '0')}`);
  return [
    { pk: `CONN#${connectionId}`, sk: 'META', connectionId, userId: 'u', connectedAtMs: 0, expiresAt: 9e9 },
    ...rooms.map((room) => ({
      pk: `CONN#${connectionId}`,
      sk: `ROOM#${room}`,
      room,
      connectionId,
      expiresAt: 9e9,
    })),
  ];
}

const deleteOf = (pk: string, sk: string) => ({ DeleteRequest: { Key: { pk, sk } } });

describe('retries and throttling (mocked client)', () => {
  let store: ConnectionStore;
  let sleeps: number[];

  beforeEach(() => {
    docMock.reset();
    // Room sides are single DeleteItems; the SDK always answers with an object.
    docMock.on(DeleteCommand).resolves({});
    sleeps = [];
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    );
    store = createConnectionStore({
      client,
      tableName: TABLE,
      // One shard: the keys of before sharding (`ROOM#<room>`).
      roomShards: 1,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  });

  it('deletes room sides one by one, subtracts counted ones, then the partition in chunks of 25', async () => {
    docMock.on(QueryCommand).resolves({ Items: partitionOf('c', 30) });
    // r00 to r14 were counted at join (joinId); r15 to r29 were written before counts existed.
    docMock.on(DeleteCommand).callsFake((input) => {
      const index = Number(String(input.Key.pk).slice('ROOM#r'.length));
      return { Attributes: { ...input.Key, expiresAt: 9e9, ...(index < 15 ? { joinId: `j${index}` } : {}) } };
    });
    const secondChunkLeftover = [deleteOf('CONN#c', 'ROOM#r25'), deleteOf('CONN#c', 'ROOM#r26')];
    docMock
      .on(BatchWriteCommand)
      .resolvesOnce({})
      .resolvesOnce({ UnprocessedItems: { [TABLE]: secondChunkLeftover } })
      .resolves({});

    const removed = await store.removeConnection('c');

    expect(removed.deletedItems).toBe(61);
    expect(docMock).toHaveReceivedCommandWith(QueryCommand, {
      TableName: TABLE,
      KeyConditionExpression: '#pk = :conn',
      ExpressionAttributeValues: { ':conn': 'CONN#c' },
      ConsistentRead: true,
    });
    expect(docMock).toHaveReceivedCommandTimes(DeleteCommand, 30);
    expect(docMock).toHaveReceivedCommandWith(DeleteCommand, {
      TableName: TABLE,
      Key: { pk: 'ROOM#r29', sk: 'CONN#c' },
      ReturnValues: 'ALL_OLD',
    });
    // One subtraction per counted room side, on the count item of that room's shard.
    const subtracted = docMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(subtracted.map((input) => input.Key?.pk).sort()).toEqual(
      Array.from({ length: 15 }, (_, i) => `ROOM#r${String(i).padStart(2, '0')}#COUNT`),
    );
    expect(subtracted[0]).toMatchObject({
      Key: { sk: 'COUNT' },
      UpdateExpression: 'ADD #count :minusOne',
      ConditionExpression: '#exp > :now AND #started < :memberExp',
      ExpressionAttributeValues: { ':minusOne': -1, ':memberExp': 9e9 },
    });
    expect(docMock).toHaveReceivedCommandTimes(BatchWriteCommand, 3);
    const sent = docMock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.[TABLE]);
    expect(sent.map((requests) => requests?.length)).toEqual([25, 6, 2]);
    // Room sides go first, the connection's own partition last.
    const order = docMock.calls().map((call) => call.args[0].constructor.name);
    expect(order.lastIndexOf('DeleteCommand')).toBeLessThan(order.indexOf('BatchWriteCommand'));
    expect(sent[0]?.[0]).toEqual(deleteOf('CONN#c', 'META'));
    expect(sent[1]?.at(-1)).toEqual(deleteOf('CONN#c', 'ROOM#r29'));
    expect(sent[2]).toEqual(secondChunkLeftover);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeLessThan(100);
  });

  it('retries a batch that was throttled as a whole, with the same requests', async () => {
    docMock.on(QueryCommand).resolves({ Items: partitionOf('t', 1) });
    docMock
      .on(BatchWriteCommand)
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata }))
      .rejectsOnce(new ThrottlingException({ message: 'slow down', ...metadata }))
      .resolves({});

    await store.removeConnection('t');

    const expected = {
      RequestItems: { [TABLE]: [deleteOf('CONN#t', 'META'), deleteOf('CONN#t', 'ROOM#r00')] },
    };
    expect(docMock).toHaveReceivedCommandTimes(BatchWriteCommand, 3);
    for (const n of [1, 2, 3])
      expect(docMock).toHaveReceivedNthSpecificCommandWith(n, BatchWriteCommand, expected);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeLessThan(200);
  });

  it('gives up after maxAttempts with the count of items still unprocessed', async () => {
    docMock.on(QueryCommand).resolves({ Items: partitionOf('u', 2) });
    const stuck = [deleteOf('CONN#u', 'META')];
    docMock.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE]: stuck } });

    const removal = store.removeConnection('u');

    await expect(removal).rejects.toBeInstanceOf(UnprocessedItemsError);
    await expect(removal).rejects.toMatchObject({
      code: 'UNPROCESSED_ITEMS',
      unprocessedCount: 1,
      retryable: true,
    });
    // maxAttempts 4: the first send and three resends of the same leftover.
    expect(docMock).toHaveReceivedCommandTimes(BatchWriteCommand, 4);
    expect(docMock.commandCalls(BatchWriteCommand)[3]?.args[0].input.RequestItems).toEqual({
      [TABLE]: stuck,
    });
    // Backoff grows up to the cap: attempts 1..3 wait below 100, 200, 250 ms.
    sleeps.slice(0, 3).forEach((ms, i) => {
      expect(ms).toBeLessThan([100, 200, 250][i]!);
    });
  });

  it('turns persistent throttling into ConnectionStoreThrottledError carrying the SDK error', async () => {
    docMock.on(QueryCommand).resolves({ Items: partitionOf('p', 0) });
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata });
    docMock.on(BatchWriteCommand).rejects(throttled);

    const removal = store.removeConnection('p');

    await expect(removal).rejects.toBeInstanceOf(ConnectionStoreThrottledError);
    await expect(removal).rejects.toMatchObject({ code: 'THROTTLED', retryable: true, cause: throttled });
    expect(docMock).toHaveReceivedCommandTimes(BatchWriteCommand, 4);
  });

  it('does not retry an error that is not throttling', async () => {
    docMock.on(QueryCommand).resolves({ Items: partitionOf('n', 0) });
    const missing = new ResourceNotFoundException({ message: 'no table', ...metadata });
    docMock.on(BatchWriteCommand).rejects(missing);

    await expect(store.removeConnection('n')).rejects.toMatchObject({ code: 'STORE_FAILED', cause: missing });
    expect(docMock).toHaveReceivedCommandTimes(BatchWriteCommand, 1);
    expect(sleeps).toEqual([]);
  });

  it('translates a throttled read into ConnectionStoreThrottledError', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata });
    docMock.on(GetCommand).rejects(throttled);

    const read = store.getConnection('g');

    await expect(read).rejects.toBeInstanceOf(ConnectionStoreThrottledError);
    await expect(read).rejects.toBeInstanceOf(ConnectionStoreError);
    await expect(read).rejects.toMatchObject({ cause: throttled });
    expect(docMock).toHaveReceivedCommandWith(GetCommand, {
      TableName: TABLE,
      Key: { pk: 'CONN#g', sk: 'META' },
      ConsistentRead: true,
    });
  });

  it('joins with an UpdateItem that keeps the first joinId, a PutItem of the twin, and one count', async () => {
    docMock
      .on(GetCommand)
      .resolves({ Item: { connectionId: 'j', userId: 'u', connectedAtMs: 0, expiresAt: 9e9 } });
    docMock.on(UpdateCommand).resolves({});

    await store.joinRoom('j', 'lobby');

    const [roomSide, count] = docMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(roomSide).toMatchObject({
      Key: { pk: 'ROOM#lobby', sk: 'CONN#j' },
      ReturnValues: 'ALL_OLD',
      ExpressionAttributeNames: { '#joinId': 'joinId' },
    });
    expect(roomSide?.UpdateExpression).toMatch(/, #joinId = if_not_exists\(#joinId, :joinId\)$/);
    expect(count).toMatchObject({
      Key: { pk: 'ROOM#lobby#COUNT', sk: 'COUNT' },
      UpdateExpression:
        'SET #room = :room, #shard = :shard, #exp = :exp, #started = if_not_exists(#started, :now) ADD #count :one',
      ConditionExpression: 'attribute_not_exists(#pk) OR #exp > :now',
    });
    expect(docMock).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ pk: 'CONN#j', sk: 'ROOM#lobby', userId: 'u', expiresAt: 9e9 }),
    });
    expect(docMock).not.toHaveReceivedCommand(BatchWriteCommand);
  });

  it('does not count a re-join: the room side already had a joinId', async () => {
    docMock
      .on(GetCommand)
      .resolves({ Item: { connectionId: 'j', userId: 'u', connectedAtMs: 0, expiresAt: 9e9 } });
    docMock.on(UpdateCommand).resolves({ Attributes: { pk: 'ROOM#lobby', joinId: 'first', expiresAt: 9e9 } });

    await store.joinRoom('j', 'lobby');

    expect(docMock).toHaveReceivedCommandTimes(UpdateCommand, 1);
  });
});

describe('backoffDelayMs', () => {
  const retry = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2000 };

  it('draws full jitter below an exponential ceiling capped at maxDelayMs', () => {
    const top = () => 0.999999;

    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelayMs(retry, attempt, top))).toEqual([
      49, 99, 199, 399, 799, 1599, 1999,
    ]);
    expect(backoffDelayMs(retry, 3, () => 0)).toBe(0);
  });
});
