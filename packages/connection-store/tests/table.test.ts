import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  connectionTable,
  connectionTableDefinition,
  createTableIfMissing,
  TTL_ATTRIBUTE,
  USER_INDEX_NAME,
} from '../src/index.js';
import { type LocalDynamo, startDynalite } from './dynalite.js';

describe('table definition', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.close());

  it('is on-demand, keyed pk/sk, with a user index, under the logical name "connections"', () => {
    expect(connectionTable.TableName).toBe('connections');
    expect(connectionTable.BillingMode).toBe('PAY_PER_REQUEST');
    expect(connectionTable.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(connectionTable.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([
      USER_INDEX_NAME,
    ]);
    // TTL is set apart from CreateTable, and must not be a key attribute.
    expect(connectionTable.AttributeDefinitions.map((a) => a.AttributeName)).not.toContain(TTL_ATTRIBUTE);
    expect(JSON.parse(JSON.stringify(connectionTable))).toEqual(connectionTable);
  });

  it('creates the table once; a second call finds it', async () => {
    const definition = connectionTableDefinition('created-here');

    const first = await createTableIfMissing(dynamo.client, definition);
    const second = await createTableIfMissing(dynamo.client, definition);
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: 'created-here' }));

    // dynalite has no UpdateTimeToLive: records never expire there, reads still hide them.
    expect(first).toEqual({ created: true, ttl: 'unsupported' });
    expect(second).toEqual({ created: false, ttl: 'unsupported' });
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(definition.KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: USER_INDEX_NAME,
      KeySchema: definition.GlobalSecondaryIndexes?.[0]?.KeySchema,
      Projection: { ProjectionType: 'ALL' },
    });
  });
});
