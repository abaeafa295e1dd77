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

function line(
  service: CostLine['service'],
  item: string,
  quantity: number,
  unit: string,
  usdPerUnit: number,
): CostLine {
  return { service, item, quantity, unit, usd: quantity * usdPerUnit };
}

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
  const M = 1e6;
  const lines: CostLine[] = [
    line(
      'API Gateway',
      'messages (32 KB units)',
      usage.messageUnits,
      'messages',
      p.apiGateway.messagesPerMillion / M,
    ),
    line(
      'API Gateway',
      'connection minutes',
      usage.connectionMinutes,
      'minutes',
      p.apiGateway.connectionMinutesPerMillion / M,
    ),
    line('Lambda', 'requests', requests, 'requests', p.lambda.requestsPerMillion / M),
    line('Lambda', 'compute (arm64)', gbSeconds, 'GB-seconds', p.lambda.gbSecondArm64),
  ];
  const notes = [
    'Lambda durations are measured locally (worker threads), not on Lambda hardware.',
    'DynamoDB units are approximated from request and response sizes at the local endpoint.',
  ];
  if (usage.dynamodb) {
    const { writeUnits, readUnits } = usage.dynamodb;
    lines.push(
      line('DynamoDB', 'write request units', writeUnits, 'WRU', p.dynamodb.writeRequestUnitsPerMillion / M),
      line('DynamoDB', 'read request units', readUnits, 'RRU', p.dynamodb.readRequestUnitsPerMillion / M),
    );
  } else notes.push('DynamoDB not counted: its endpoint is external (DYNAMODB_ENDPOINT).');
  const sfn = p.stepFunctions;
  lines.push(
    line(
      'Step Functions',
      'standard state transitions',
      usage.stateTransitions,
      'transitions',
      sfn.standardTransitionsPerThousand / 1000,
    ),
  );
  if (usage.expressExecutions) {
    const { requests: executions, durationMs } = usage.expressExecutions;
    const expressGbSeconds = (durationMs / 1000) * EXPRESS_MEMORY_GB;
    lines.push(
      line('Step Functions', 'express requests', executions, 'executions', sfn.expressRequestsPerMillion / M),
      line('Step Functions', 'express duration (64 MB)', expressGbSeconds, 'GB-seconds', sfn.expressGbSecond),
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
