import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoStartError } from '../../src/services/errors.js';
import { startDynamo } from '../../src/services/index.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';
const connections = {
  TableName: 'connections',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
  TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
};
const jobs = {
  TableName: 'jobs',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
};

const clientFor = (endpoint: string) => new DynamoDBClient({ endpoint, region, credentials });

describe('startDynamo', () => {
  it("runs dynalite in memory with the manifest's tables, reachable through the real SDK", async () => {
    const dynamo = await startDynamo({ tables: [connections, jobs], region, credentials });
    const client = clientFor(dynamo.endpoint);
    try {
      expect(dynamo.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      if (existsSync('/proc/self/task')) {
        // Its own thread, named so that `top -H` and the bench can tell its CPU apart.
        const names = readdirSync('/proc/self/task').map((t) =>
          readFileSync(`/proc/self/task/${t}/comm`, 'utf8'),
        );
        expect(names).toContain('dynalite\n');
      }
      expect(dynamo.tables).toEqual([
        // dynalite has no UpdateTimeToLive: said, not hidden.
        { tableName: 'connections', created: true, ttl: 'unsupported' },
        { tableName: 'jobs', created: true, ttl: 'not-requested' },
      ]);
      await client.send(new PutItemCommand({ TableName: 'jobs', Item: { id: { S: 'j1' } } }));
      const { Item } = await client.send(new GetItemCommand({ TableName: 'jobs', Key: { id: { S: 'j1' } } }));
      expect(Item).toEqual({ id: { S: 'j1' } });
    } finally {
      client.destroy();
      await dynamo.close();
    }
  });

  it('keeps tables and items on disk under dataDir across restarts', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dynamo-data-')), 'nested');
    try {
      const first = await startDynamo({ tables: [jobs], region, credentials, dataDir });
      const client = clientFor(first.endpoint);
      await client.send(new PutItemCommand({ TableName: 'jobs', Item: { id: { S: 'kept' } } }));
      client.destroy();
      await first.close();

      const second = await startDynamo({ tables: [jobs], region, credentials, dataDir });
      const again = clientFor(second.endpoint);
      try {
        expect(second.tables).toEqual([{ tableName: 'jobs', created: false, ttl: 'not-requested' }]);
        const { Item } = await again.send(
          new GetItemCommand({ TableName: 'jobs', Key: { id: { S: 'kept' } } }),
        );
        expect(Item).toEqual({ id: { S: 'kept' } });
      } finally {
        again.destroy();
        await second.close();
      }
    } finally {
      rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  });

  it('creates missing tables on an external endpoint instead of starting dynalite', async () => {
    const server = await startDynamo({ tables: [jobs], region, credentials });
    try {
      const external = await startDynamo({
        tables: [jobs, connections],
        region,
        credentials,
        externalEndpoint: server.endpoint,
      });
      expect(external.endpoint).toBe(server.endpoint);
      expect(external.tables.map((t) => [t.tableName, t.created])).toEqual([
        ['jobs', false],
        ['connections', true],
      ]);
      await external.close(); // leaves the external server alone
      const client = clientFor(server.endpoint);
      const { TableNames } = await client.send(new ListTablesCommand({}));
      client.destroy();
      expect(TableNames).toEqual(['connections', 'jobs']);
    } finally {
      await server.close();
    }
  });

  // root may write anywhere, so the refusal can only be seen as another user.
  (process.getuid?.() === 0 ? it.skip : it)('refuses a dataDir this user may not write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dynamo-read-only-'));
    chmodSync(dir, 0o500);
    try {
      await expect(startDynamo({ tables: [jobs], region, credentials, dataDir: dir })).rejects.toMatchObject({
        name: 'DataDirError',
        message: expect.stringContaining('this user may not read and write it'),
      });
    } finally {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with a DataDirError (a DynamoStartError) before dynalite starts when the dataDir cannot hold data', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'dynamo-data-'));
    const notADir = join(parent, 'file');
    writeFileSync(notADir, 'a file where the data folder should be');
    try {
      const error = await startDynamo({
        tables: [jobs],
        region,
        credentials,
        dataDir: join(notADir, 'data'),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoStartError);
      expect(error).toMatchObject({
        name: 'DataDirError',
        dataDir: join(notADir, 'data'),
        message: expect.stringContaining('it, or a folder on its path, is a file'),
      });
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('fails with DynamoStartError naming the table when a table input is invalid', async () => {
    const broken = { TableName: 'broken', KeySchema: [] };

    await expect(startDynamo({ tables: [broken], region, credentials })).rejects.toThrow(
      expect.objectContaining({
        name: 'DynamoStartError',
        message: expect.stringContaining('Cannot create table broken'),
      }),
    );
    await expect(startDynamo({ tables: [broken], region, credentials })).rejects.toBeInstanceOf(
      DynamoStartError,
    );
  });
});
