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
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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
    sleeps = [];
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    );
    store = createConnectionStore({
      client,
      tableName: TABLE,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  });

  it('sends removal in chunks of 25 and resends exactly the UnprocessedItems', async () => {
    docMock.on(QueryCommand).resolves({ Items: partitionOf('c', 30) });
    const secondChunkLeftover = [deleteOf('CONN#c', 'ROOM#r05'), deleteOf('CONN#c', 'ROOM#r06')];
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
    expect(docMock).toHaveReceivedCommandTimes(BatchWriteCommand, 4);
    const sent = docMock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.[TABLE]);
    expect(sent.map((requests) => requests?.length)).toEqual([25, 25, 2, 11]);
    // Room sides go first, the connection's own partition last.
    expect(sent[0]?.[0]).toEqual(deleteOf('ROOM#r00', 'CONN#c'));
    expect(sent[2]).toEqual(secondChunkLeftover);
    expect(sent[3]?.at(-1)).toEqual(deleteOf('CONN#c', 'ROOM#r29'));
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
      RequestItems: {
        [TABLE]: [deleteOf('ROOM#r00', 'CONN#t'), deleteOf('CONN#t', 'META'), deleteOf('CONN#t', 'ROOM#r00')],
      },
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

  it('retries an UnprocessedItems join until both sides of the membership are written', async () => {
    docMock
      .on(GetCommand)
      .resolves({ Item: { connectionId: 'j', userId: 'u', connectedAtMs: 0, expiresAt: 9e9 } });
    docMock
      .on(BatchWriteCommand)
      .callsFakeOnce((input) => ({ UnprocessedItems: { [TABLE]: input.RequestItems[TABLE].slice(1) } }))
      .resolves({});

    await store.joinRoom('j', 'lobby');

    const sent = docMock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.[TABLE]);
    expect(
      sent.map((requests) => requests?.map((r) => `${r.PutRequest?.Item?.pk} ${r.PutRequest?.Item?.sk}`)),
    ).toEqual([['ROOM#lobby CONN#j', 'CONN#j ROOM#lobby'], ['CONN#j ROOM#lobby']]);
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
