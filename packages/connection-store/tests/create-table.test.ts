/**
 * TTL on real DynamoDB: dynalite has no `UpdateTimeToLive`, so a mocked client checks the
 * commands `createTableIfMissing` sends there.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { connectionTableDefinition, createTableIfMissing } from '../src/index.js';

const dynamoMock = mockClient(DynamoDBClient);
const client = new DynamoDBClient({
  region: 'local',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const definition = connectionTableDefinition('prod-connections');

describe('createTableIfMissing on DynamoDB', () => {
  beforeEach(() => dynamoMock.reset());

  it('creates the table from the definition, waits for ACTIVE, then enables TTL on expiresAt', async () => {
    dynamoMock.on(CreateTableCommand).resolves({});
    dynamoMock
      .on(DescribeTableCommand)
      .resolvesOnce({ Table: { TableStatus: 'CREATING' } })
      .resolves({ Table: { TableStatus: 'ACTIVE' } });
    dynamoMock
      .on(DescribeTimeToLiveCommand)
      .resolves({ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
    dynamoMock.on(UpdateTimeToLiveCommand).resolves({});

    const result = await createTableIfMissing(client, definition);

    expect(result).toEqual({ created: true, ttl: 'enabled' });
    expect(dynamoMock.commandCalls(CreateTableCommand)[0]?.args[0].input).toEqual(definition);
    expect(dynamoMock).toHaveReceivedCommandTimes(DescribeTableCommand, 2);
    expect(dynamoMock).toHaveReceivedCommandWith(UpdateTimeToLiveCommand, {
      TableName: 'prod-connections',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('leaves an existing table with TTL already on untouched', async () => {
    dynamoMock
      .on(CreateTableCommand)
      .rejects(new ResourceInUseException({ message: 'Table already exists', $metadata: {} }));
    dynamoMock.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE' } });
    dynamoMock
      .on(DescribeTimeToLiveCommand)
      .resolves({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' } });

    const result = await createTableIfMissing(client, definition);

    expect(result).toEqual({ created: false, ttl: 'enabled' });
    expect(dynamoMock).not.toHaveReceivedCommand(UpdateTimeToLiveCommand);
  });

  it('gives up with a clear error when the table never becomes ACTIVE', async () => {
    dynamoMock.on(CreateTableCommand).resolves({});
    dynamoMock.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'CREATING' } });

    await expect(createTableIfMissing(client, definition, { timeoutMs: 50 })).rejects.toMatchObject({
      code: 'STORE_FAILED',
      message: expect.stringContaining('prod-connections not ACTIVE after 50 ms (CREATING)'),
    });
  });
});
