/**
 * What the observed traffic would cost on AWS at list prices ({@link priceTable}), and the same
 * rate kept up for a month.
 */
import { type PricedRegion, priceTable } from './price-table.js';

/** What the bill is computed from, counted by the gateway. */
export interface ObservedUsage {
  /** How long the counts cover. */
  windowMs: number;
  /** Frames in and out, each counted in 32 KB units. */
  messageUnits: number;
  connectionMinutes: number;
  lambda: Array<{ functionName: string; invocations: number; durationMs: number; memoryMb: number }>;
  /** Absent when the DynamoDB endpoint is external and its requests were not seen. */
  dynamodb?: { readUnits: number; writeUnits: number };
  /** Standard workflows' state transitions. */
  stateTransitions: number;
  /** Express workflows: executions and their summed duration. */
  expressExecutions?: { requests: number; durationMs: number };
}

/** Express bills memory in 64 MB steps; the local runtime cannot tell an execution's memory, so the smallest. */
const EXPRESS_MEMORY_GB = 64 / 1024;

export interface CostLine {
  service: 'API Gateway' | 'Lambda' | 'DynamoDB' | 'Step Functions';
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

export interface CostEstimate {
  region: PricedRegion;
  priceDate: string;
  windowSeconds: number;
  lines: CostLine[];
  totalUsd: number;
  /** The total at the observed rate for 30 days. */
  monthlyUsd: number;
  notes: string[];
}

const MONTH_MS = 30 * 24 * 3600 * 1000;

/**
 * Prices `usage` in `region`.
 * @example
 * estimateCost({ windowMs: 60_000, messageUnits: 2, connectionMinutes: 1, lambda: [], stateTransitions: 0 }, 'us-east-1')
 * // { lines: [{ service: 'API Gateway', item: 'messages', quantity: 2, usd: 0.000002 }, ...], ... }
 */
export function estimateCost(usage: ObservedUsage, region: PricedRegion): CostEstimate {
  const p = priceTable.regions[region];
  const gbSeconds = usage.lambda.reduce((sum, f) => sum + (f.durationMs / 1000) * (f.memoryMb / 1024), 0);
  const requests = usage.lambda.reduce((sum, f) => sum + f.invocations, 0);
  const lines: CostLine[] = [
    {
      service: 'API Gateway',
      item: 'messages (32 KB units)',
      quantity: usage.messageUnits,
      unit: 'messages',
      usd: (usage.messageUnits / 1e6) * p.apiGateway.messagesPerMillion,
    },
    {
      service: 'API Gateway',
      item: 'connection minutes',
      quantity: usage.connectionMinutes,
      unit: 'minutes',
      usd: (usage.connectionMinutes / 1e6) * p.apiGateway.connectionMinutesPerMillion,
    },
    {
      service: 'Lambda',
      item: 'requests',
      quantity: requests,
      unit: 'requests',
      usd: (requests / 1e6) * p.lambda.requestsPerMillion,
    },
    {
      service: 'Lambda',
      item: 'compute (arm64)',
      quantity: gbSeconds,
      unit: 'GB-seconds',
      usd: gbSeconds * p.lambda.gbSecondArm64,
    },
  ];
  const notes = [
    'Lambda durations are measured locally (worker threads), not on Lambda hardware.',
    'DynamoDB units are approximated from request and response sizes at the local endpoint.',
  ];
  if (usage.dynamodb) {
    lines.push(
      {
        service: 'DynamoDB',
        item: 'write request units',
        quantity: usage.dynamodb.writeUnits,
        unit: 'WRU',
        usd: (usage.dynamodb.writeUnits / 1e6) * p.dynamodb.writeRequestUnitsPerMillion,
      },
      {
        service: 'DynamoDB',
        item: 'read request units',
        quantity: usage.dynamodb.readUnits,
        unit: 'RRU',
        usd: (usage.dynamodb.readUnits / 1e6) * p.dynamodb.readRequestUnitsPerMillion,
      },
    );
  } else notes.push('DynamoDB not counted: its endpoint is external (DYNAMODB_ENDPOINT).');
  lines.push({
    service: 'Step Functions',
    item: 'standard state transitions',
    quantity: usage.stateTransitions,
    unit: 'transitions',
    usd: (usage.stateTransitions / 1000) * p.stepFunctions.standardTransitionsPerThousand,
  });
  if (usage.expressExecutions) {
    const { requests, durationMs } = usage.expressExecutions;
    const expressGbSeconds = (durationMs / 1000) * EXPRESS_MEMORY_GB;
    lines.push(
      {
        service: 'Step Functions',
        item: 'express requests',
        quantity: requests,
        unit: 'executions',
        usd: (requests / 1e6) * p.stepFunctions.expressRequestsPerMillion,
      },
      {
        service: 'Step Functions',
        item: 'express duration (64 MB)',
        quantity: expressGbSeconds,
        unit: 'GB-seconds',
        usd: expressGbSeconds * p.stepFunctions.expressGbSecond,
      },
    );
    notes.push('Express duration is priced at 64 MB, the smallest memory step (100 ms minimum each).');
  }
  const totalUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  return {
    region,
    priceDate: priceTable.date,
    windowSeconds: usage.windowMs / 1000,
    lines,
    totalUsd,
    monthlyUsd: usage.windowMs > 0 ? totalUsd * (MONTH_MS / usage.windowMs) : 0,
    notes,
  };
}
