/**
 * Turns a manifest table (a DynamoDB `CreateTable` input, from the connection store) into the
 * fields of `aws_dynamodb_table`. The table is never described here: only translated.
 */
import { TTL_ATTRIBUTE } from '@switchboard/connection-store';
import type { Manifest } from '@switchboard/manifest';
import { ManifestTranslationError } from './errors.js';

export type ManifestTable = Manifest['tables'][number];

interface KeyElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

/** An index as `aws_dynamodb_table` wants it. */
export interface IndexShape {
  name: string;
  hashKey: string;
  rangeKey?: string;
  projectionType: string;
  nonKeyAttributes?: string[];
}

/** A table as `aws_dynamodb_table` wants it. */
export interface TableShape {
  manifestName: string;
  hashKey: string;
  rangeKey?: string;
  attributes: { name: string; type: string }[];
  globalSecondaryIndexes: IndexShape[];
  localSecondaryIndexes: (IndexShape & { rangeKey: string })[];
  ttlAttribute: string;
}

// Fields that are fine to see and that infra decides itself: billing is on-demand and encryption
// on in every environment; TTL is read below.
const handledFields = new Set([
  'TableName',
  'KeySchema',
  'AttributeDefinitions',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'BillingMode',
  'ProvisionedThroughput',
  'SSESpecification',
  'TimeToLiveSpecification',
]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function fail(table: string, field: string, message: string): never {
  throw new ManifestTranslationError(`tables[${table}].${field}: ${message}`);
}

function keySchema(table: string, field: string, value: unknown): { hashKey: string; rangeKey?: string } {
  if (!Array.isArray(value)) fail(table, field, 'expected an array of { AttributeName, KeyType }');
  const keys = value.filter(
    (k): k is KeyElement =>
      isRecord(k) && typeof k.AttributeName === 'string' && (k.KeyType === 'HASH' || k.KeyType === 'RANGE'),
  );
  const hash = keys.find((k) => k.KeyType === 'HASH');
  if (keys.length !== value.length || !hash)
    fail(table, field, 'expected one HASH key and at most one RANGE key');
  const range = keys.find((k) => k.KeyType === 'RANGE');
  return range
    ? { hashKey: hash.AttributeName, rangeKey: range.AttributeName }
    : { hashKey: hash.AttributeName };
}

function index(table: string, field: string, value: unknown): IndexShape {
  if (!isRecord(value) || typeof value.IndexName !== 'string') fail(table, field, 'expected an IndexName');
  const projection = isRecord(value.Projection) ? value.Projection : {};
  const projectionType = typeof projection.ProjectionType === 'string' ? projection.ProjectionType : 'ALL';
  const nonKey = projection.NonKeyAttributes;
  return {
    name: value.IndexName,
    ...keySchema(table, `${field}.KeySchema`, value.KeySchema),
    projectionType,
    ...(Array.isArray(nonKey) ? { nonKeyAttributes: nonKey.map(String) } : {}),
  };
}

/** The TTL attribute: the manifest's `TimeToLiveSpecification` if present, else the store's. */
function ttlAttribute(table: string, value: unknown): string {
  if (value === undefined) return TTL_ATTRIBUTE;
  if (!isRecord(value) || typeof value.AttributeName !== 'string' || value.Enabled === false) {
    fail(table, 'TimeToLiveSpecification', 'expected { AttributeName, Enabled: true }: TTL is always on');
  }
  return value.AttributeName;
}

/**
 * Translates one manifest table. Throws `ManifestTranslationError` for a field infra would
 * otherwise silently drop (streams, a table class...): deploy what runs locally, or fail.
 */
export function toTableShape(table: ManifestTable): TableShape {
  const name = table.TableName;
  for (const field of Object.keys(table)) {
    if (!handledFields.has(field))
      fail(name, field, 'not supported by infra yet; add it to table-definition.ts');
  }
  const attributes = table.AttributeDefinitions;
  if (!Array.isArray(attributes)) fail(name, 'AttributeDefinitions', 'expected an array');
  const gsis = Array.isArray(table.GlobalSecondaryIndexes) ? table.GlobalSecondaryIndexes : [];
  const lsis = Array.isArray(table.LocalSecondaryIndexes) ? table.LocalSecondaryIndexes : [];
  return {
    manifestName: name,
    ...keySchema(name, 'KeySchema', table.KeySchema),
    attributes: attributes.map((a, i) => {
      if (!isRecord(a) || typeof a.AttributeName !== 'string' || typeof a.AttributeType !== 'string') {
        fail(name, `AttributeDefinitions.${i}`, 'expected { AttributeName, AttributeType }');
      }
      return { name: a.AttributeName, type: a.AttributeType };
    }),
    globalSecondaryIndexes: gsis.map((g, i) => index(name, `GlobalSecondaryIndexes.${i}`, g)),
    localSecondaryIndexes: lsis.map((l, i) => {
      const shape = index(name, `LocalSecondaryIndexes.${i}`, l);
      if (!shape.rangeKey) fail(name, `LocalSecondaryIndexes.${i}`, 'a local index needs a RANGE key');
      return { ...shape, rangeKey: shape.rangeKey };
    }),
    ttlAttribute: ttlAttribute(name, table.TimeToLiveSpecification),
  };
}
