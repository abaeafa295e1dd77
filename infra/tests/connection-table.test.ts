import { TTL_ATTRIBUTE } from '@switchboard/connection-store';
import { stages } from '../src/config/environments.js';
import { testEnvironments as environments } from './support/environments.js';
import { ManifestTranslationError } from '../src/errors.js';
import { toTableShape } from '../src/table-definition.js';
import { loadFixture, resourcesOf, synthStack, withManifest } from './support/synth.js';

const tableOf = (json: ReturnType<typeof synthStack>) => {
  const tables = resourcesOf(json, 'aws_dynamodb_table');
  expect(tables).toHaveLength(1);
  return tables[0]![1];
};

describe.each(stages)('ConnectionTable in %s', (stage) => {
  const table = tableOf(synthStack(stage));

  it('is the manifest table, on demand, encrypted, with TTL on the store attribute', () => {
    expect(table).toMatchObject({
      name: `switchboard-${stage}-connections`,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      range_key: 'sk',
      ttl: { attribute_name: TTL_ATTRIBUTE, enabled: true },
      server_side_encryption: { enabled: true },
      global_secondary_index: [
        { name: 'byUser', hash_key: 'gsi1pk', range_key: 'gsi1sk', projection_type: 'ALL' },
      ],
    });
    expect(table.attribute).toHaveLength(4);
  });

  it('has point-in-time recovery and deletion protection exactly where the environment says', () => {
    const config = environments[stage];
    expect(table.point_in_time_recovery).toEqual({ enabled: config.pointInTimeRecovery });
    expect(table.deletion_protection_enabled).toBe(config.deletionProtection);
  });
});

describe('environments', () => {
  it('protect prod: point-in-time recovery and deletion protection', () => {
    const table = tableOf(synthStack('prod'));
    expect(table.point_in_time_recovery).toEqual({ enabled: true });
    expect(table.deletion_protection_enabled).toBe(true);
  });
});

describe('toTableShape', () => {
  const [definition] = loadFixture().manifest.tables;

  it("uses the manifest's TimeToLiveSpecification when it has one", () => {
    const shape = toTableShape({
      ...definition!,
      TimeToLiveSpecification: { AttributeName: 'until', Enabled: true },
    });
    expect(shape.ttlAttribute).toBe('until');
  });

  it('refuses a field it would otherwise drop, naming it', () => {
    expect(() => toTableShape({ ...definition!, StreamSpecification: { StreamEnabled: true } })).toThrow(
      new ManifestTranslationError(
        'tables[connections].StreamSpecification: not supported by infra yet; add it to table-definition.ts',
      ),
    );
  });

  it('refuses a key schema without a HASH key', () => {
    const bad = withManifest((m) => {
      m.tables[0]!.KeySchema = [{ AttributeName: 'pk', KeyType: 'RANGE' }];
    });
    expect(() => synthStack('dev', bad)).toThrow(/tables\[connections\]\.KeySchema: expected one HASH key/);
  });
});
