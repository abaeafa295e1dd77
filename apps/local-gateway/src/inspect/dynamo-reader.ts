/**
 * Reads the local DynamoDB for the inspector: each table's items, filtered by key, through the
 * real SDK (what a function sees).
 */
import {
  type AttributeValue,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';

export interface TableView {
  tableName: string;
  keyNames: string[];
  items: Array<Record<string, unknown>>;
  /** More items exist than were read. */
  truncated: boolean;
}

/** An attribute value as plain JSON (numbers as numbers, sets as arrays, binary as base64). */
export function plainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL) return null;
  if (value.M) return Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, plainValue(v)]));
  if (value.L) return value.L.map(plainValue);
  if (value.SS) return value.SS;
  if (value.NS) return value.NS.map(Number);
  if (value.B) return Buffer.from(value.B).toString('base64');
  return null;
}

export class DynamoReader {
  readonly #client: DynamoDBClient;

  constructor(
    endpoint: string,
    region: string,
    credentials: { accessKeyId: string; secretAccessKey: string },
  ) {
    this.#client = new DynamoDBClient({ endpoint, region, credentials });
  }

  /** Every table with up to `limit` items each; `keyFilter` keeps items whose key contains it. */
  async tables(keyFilter = '', limit = 200): Promise<TableView[]> {
    const { TableNames = [] } = await this.#client.send(new ListTablesCommand({}));
    return Promise.all(
      TableNames.map(async (tableName) => {
        const { Table } = await this.#client.send(new DescribeTableCommand({ TableName: tableName }));
        const keyNames = (Table?.KeySchema ?? []).map((k) => String(k.AttributeName));
        const scan = await this.#client.send(new ScanCommand({ TableName: tableName, Limit: limit }));
        const items = (scan.Items ?? [])
          .map((item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, plainValue(v)])))
          .filter((item) => !keyFilter || keyNames.some((k) => String(item[k] ?? '').includes(keyFilter)));
        return { tableName, keyNames, items, truncated: scan.LastEvaluatedKey !== undefined };
      }),
    );
  }

  close(): void {
    this.#client.destroy();
  }
}
