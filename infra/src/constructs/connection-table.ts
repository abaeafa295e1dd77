import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam.js';
import type { Naming } from '../naming.js';
import { type ManifestTable, type TableShape, toTableShape } from '../table-definition.js';
import type { HandlerFunction } from './handler-function.js';

export interface ConnectionTableProps {
  /** The table as the manifest declares it (the connection store's `CreateTable` input). */
  definition: ManifestTable;
  naming: Naming;
  /** @default false */
  pointInTimeRecovery?: boolean;
  /** @default false */
  deletionProtection?: boolean;
}

// Item-level actions the store uses. No Scan: the store reads by key and by index only.
// Transactions and batches are authorised per item action, so they need no actions of their own.
const itemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:Query',
];

/**
 * The connection store's table: on-demand, TTL on, encrypted with the AWS managed KMS key, point-
 * in-time recovery and deletion protection where the environment asks for them.
 * @example
 * const table = new ConnectionTable(this, 'table-connections', { definition, naming });
 * table.grantReadWrite(fn);
 */
export class ConnectionTable extends Construct {
  /** The table's name in the manifest (`connections`). */
  readonly manifestName: string;
  readonly tableName: string;
  readonly tableArn: string;
  /** ARNs of its secondary indexes, each named (no `index/*`). */
  readonly indexArns: readonly string[];
  readonly shape: TableShape;
  readonly resource: DynamodbTable;

  constructor(scope: Construct, id: string, props: ConnectionTableProps) {
    super(scope, id);
    this.shape = toTableShape(props.definition);
    this.manifestName = this.shape.manifestName;
    this.resource = this.createTable(props);
    this.tableName = this.resource.name;
    this.tableArn = this.resource.arn;
    this.indexArns = [...this.shape.globalSecondaryIndexes, ...this.shape.localSecondaryIndexes].map(
      (index) => `${this.resource.arn}/index/${index.name}`,
    );
  }

  /** Lets a function read and write items and query the table and its indexes. */
  grantReadWrite(fn: HandlerFunction): void {
    fn.addPolicy(`table-${this.manifestName}`, this.readWriteStatements());
  }

  /** The statements `grantReadWrite` adds, for roles that are not a `HandlerFunction`. */
  readWriteStatements(): PolicyStatement[] {
    const statements: PolicyStatement[] = [
      { sid: 'TableItems', actions: itemActions, resources: [this.tableArn] },
    ];
    // Indexes are only ever queried.
    if (this.indexArns.length) {
      statements.push({ sid: 'TableIndexes', actions: ['dynamodb:Query'], resources: [...this.indexArns] });
    }
    return statements;
  }

  private createTable(props: ConnectionTableProps): DynamodbTable {
    const { shape } = this;
    return new DynamodbTable(this, 'table', {
      name: props.naming.name('table', shape.manifestName),
      billingMode: 'PAY_PER_REQUEST',
      hashKey: shape.hashKey,
      ...(shape.rangeKey ? { rangeKey: shape.rangeKey } : {}),
      attribute: shape.attributes,
      ...(shape.globalSecondaryIndexes.length ? { globalSecondaryIndex: shape.globalSecondaryIndexes } : {}),
      ...(shape.localSecondaryIndexes.length ? { localSecondaryIndex: shape.localSecondaryIndexes } : {}),
      // Removes what a lost $disconnect leaves behind ($disconnect is best effort).
      ttl: { attributeName: shape.ttlAttribute, enabled: true },
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: props.pointInTimeRecovery ?? false },
      deletionProtectionEnabled: props.deletionProtection ?? false,
    });
  }
}
