import { estimateCost } from '../../src/inspect/cost.js';
import { priceTable } from '../../src/inspect/price-table.js';

describe('the cost estimate', () => {
  it('has a dated price table with sources, for us-east-1 and an EU region', () => {
    expect(priceTable.date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(priceTable.sources.every((url) => url.startsWith('https://aws.amazon.com/'))).toBe(true);
    expect(Object.keys(priceTable.regions)).toEqual(['us-east-1', 'eu-west-1']);
    expect(priceTable.notes.length).toBeGreaterThan(0);
  });

  it("works docs/cost.md's example through: $8.65 a month in us-east-1", () => {
    const month = 30 * 24 * 3600 * 1000;
    const estimate = estimateCost(
      {
        windowMs: month,
        messageUnits: 7_214_000,
        connectionMinutes: 4_320_000,
        lambda: [{ functionName: 'all', invocations: 626_000, durationMs: 626_000 * 40, memoryMb: 128 }],
        dynamodb: { readUnits: 600_000, writeUnits: 30_000 },
        stateTransitions: 4_000,
      },
      'us-east-1',
    );
    const usd = Object.fromEntries(estimate.lines.map((l) => [l.item, Math.round(l.usd * 10_000) / 10_000]));
    expect(usd).toEqual({
      'messages (32 KB units)': 7.214,
      'connection minutes': 1.08,
      requests: 0.1252,
      'compute (arm64)': 0.0417,
      'write request units': 0.0188,
      'read request units': 0.075,
      'standard state transitions': 0.1,
    });
    expect(estimate.totalUsd).toBeCloseTo(8.6547, 3);
    // Observed over exactly a month, the month is the total.
    expect(estimate.monthlyUsd).toBeCloseTo(estimate.totalUsd, 9);
  });

  it('prices Express workflows per request and per GB-second at 64 MB', () => {
    const estimate = estimateCost(
      {
        windowMs: 1000,
        messageUnits: 0,
        connectionMinutes: 0,
        lambda: [],
        stateTransitions: 0,
        expressExecutions: { requests: 2_000_000, durationMs: 1_000_000 },
      },
      'us-east-1',
    );
    const line = (item: string) => estimate.lines.find((l) => l.item === item);
    expect(line('express requests')).toMatchObject({ quantity: 2_000_000, usd: 2 });
    // 1,000 s at 64 MB is 62.5 GB-seconds.
    expect(line('express duration (64 MB)')?.quantity).toBeCloseTo(62.5, 9);
    expect(line('express duration (64 MB)')?.usd).toBeCloseTo(62.5 * 0.00001667, 12);
  });

  it('extrapolates the observed rate to 30 days, and says when DynamoDB was not counted', () => {
    const estimate = estimateCost(
      { windowMs: 60_000, messageUnits: 1_000, connectionMinutes: 10, lambda: [], stateTransitions: 0 },
      'eu-west-1',
    );
    expect(estimate.monthlyUsd).toBeCloseTo(estimate.totalUsd * 43_200, 9);
    expect(estimate.lines.some((l) => l.service === 'DynamoDB')).toBe(false);
    expect(estimate.notes).toContain('DynamoDB not counted: its endpoint is external (DYNAMODB_ENDPOINT).');
  });
});
