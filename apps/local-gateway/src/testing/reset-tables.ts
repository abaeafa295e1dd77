import { BatchWriteItemCommand, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';

/** BatchWriteItem's limit. */
const BATCH = 25;

/**
 * Deletes every item of each table (by its key attributes), keeping the tables, their indexes
 * and their settings as the manifest created them. Unprocessed items are retried.
 */
export async function emptyTables(
  client: DynamoDBClient,
  tables: ReadonlyArray<{ TableName: string; KeySchema?: ReadonlyArray<{ AttributeName?: string }> }>,
): Promise<void> {
  for (const table of tables) {
    const keyNames = (table.KeySchema ?? []).map((k) => k.AttributeName).filter((n): n is string => !!n);
    const projection = keyNames.map((_, i) => `#k${i}`).join(', ');
    const names = Object.fromEntries(keyNames.map((name, i) => [`#k${i}`, name]));
    const pages = paginateScan(
      { client },
      { TableName: table.TableName, ProjectionExpression: projection, ExpressionAttributeNames: names },
    );
    for await (const page of pages) {
      const items = page.Items ?? [];
      for (let i = 0; i < items.length; i += BATCH) {
        let requests = items.slice(i, i + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
        while (requests.length > 0) {
          const result = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [table.TableName]: requests } }),
          );
          requests = (result.UnprocessedItems?.[table.TableName] ?? []) as typeof requests;
        }
      }
    }
  }
}
