/**
 * The table as data: infra (cdktf) and the local gateway both create exactly this table, through
 * the handlers' manifest (`tables`). Nothing else in the workspace spells an attribute name.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Logical table name; infra prefixes it per stage, the local gateway uses it as is. */
export const DEFAULT_TABLE_NAME = 'connections';

/**
 * Name of the TTL attribute (epoch seconds). TTL is not part of `CreateTable`: infra sets it on
 * the table resource, `createTableIfMissing` calls `UpdateTimeToLive`.
 * Not `ttl`: that is a DynamoDB reserved word and would need `#ttl` in every expression.
 */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Global secondary index from a user to their connections (sparse: only connection items). */
export const USER_INDEX_NAME = 'byUser';

/** Attribute names of the keys, for code that builds expressions. */
export const keyAttributes = {
  partition: 'pk',
  sort: 'sk',
  userIndexPartition: 'gsi1pk',
  userIndexSort: 'gsi1sk',
} as const;

/** A `CreateTable` input with the fields this package relies on always present. */
export type ConnectionTableDefinition = CreateTableCommandInput & {
  TableName: string;
  KeySchema: NonNullable<CreateTableCommandInput['KeySchema']>;
  AttributeDefinitions: NonNullable<CreateTableCommandInput['AttributeDefinitions']>;
};

/**
 * The table definition, `CreateTable` input shaped. On-demand billing: WebSocket traffic is
 * bursty, and a provisioned table throttles exactly when a room gets busy.
 * @param tableName the physical name @default 'connections'
 * @example
 * await client.send(new CreateTableCommand(connectionTableDefinition('switchboard-dev-connections')));
 */
export function connectionTableDefinition(tableName: string = DEFAULT_TABLE_NAME): ConnectionTableDefinition {
  const { partition, sort, userIndexPartition, userIndexSort } = keyAttributes;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partition, AttributeType: 'S' },
      { AttributeName: sort, AttributeType: 'S' },
      { AttributeName: userIndexPartition, AttributeType: 'S' },
      { AttributeName: userIndexSort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: partition, KeyType: 'HASH' },
      { AttributeName: sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: USER_INDEX_NAME,
        KeySchema: [
          { AttributeName: userIndexPartition, KeyType: 'HASH' },
          { AttributeName: userIndexSort, KeyType: 'RANGE' },
        ],
        // Connection items are a few hundred bytes; ALL costs no more write units than a
        // narrower projection and saves a GetItem per connection when notifying a user.
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** The table definition with the default logical name `connections`. */
export const connectionTable: ConnectionTableDefinition = connectionTableDefinition();
