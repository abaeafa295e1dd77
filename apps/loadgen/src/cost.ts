/**
 * `switchboard-load --cost`: what the run would cost on AWS, from the gateway's cost endpoint
 * (`/@inspector/api/cost` of `switchboard dev`), read before and after the run so that only the
 * run's own traffic is priced.
 */
import type { CostEstimate, CostLine } from '@switchboard/local-gateway';
import { LoadgenError, loadgenErrorCodes } from './errors.js';

export type { CostLine };

/** What the gateway's cost endpoint answers (its `CostEstimate`), as far as a run reads it. */
export type GatewayCost = Pick<CostEstimate, 'region' | 'priceDate' | 'lines' | 'totalUsd' | 'notes'>;

/** The run's share of the bill, and a month at the run's rate. */
export interface RunCost {
  region: string;
  priceDate: string;
  runSeconds: number;
  lines: CostLine[];
  totalUsd: number;
  monthlyUsd: number;
  notes: string[];
}

const MONTH_SECONDS = 30 * 24 * 3600;

/**
 * The cost endpoint of the gateway behind a WebSocket URL.
 * @example costUrlOf('ws://127.0.0.1:3001/dev', 'eu-west-1') // 'http://127.0.0.1:3001/@inspector/api/cost?region=eu-west-1'
 */
export function costUrlOf(webSocketUrl: string, region?: string): string {
  const url = new URL(webSocketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/@inspector/api/cost';
  url.search = region ? `?region=${encodeURIComponent(region)}` : '';
  return url.toString();
}

export async function fetchCost(costUrl: string): Promise<GatewayCost> {
  let response: Response;
  try {
    response = await fetch(costUrl);
  } catch (cause) {
    throw new LoadgenError(
      `--cost: cannot reach ${costUrl}: ${(cause as Error).message}`,
      loadgenErrorCodes.unreachable,
      { cause },
    );
  }
  if (!response.ok) {
    const detail = await response.text();
    const hint =
      response.status === 404
        ? ' (is it switchboard dev with the inspector on: a loopback --host, or --inspector?)'
        : '';
    throw new LoadgenError(
      `--cost: ${costUrl} answered ${response.status}${hint} ${detail}`.trim(),
      loadgenErrorCodes.unreachable,
    );
  }
  return (await response.json()) as GatewayCost;
}

/** What changed between two readings, priced, and extrapolated from the run's length. */
export function costOfRun(before: GatewayCost, after: GatewayCost, runSeconds: number): RunCost {
  const earlier = new Map(before.lines.map((l) => [`${l.service}/${l.item}`, l]));
  const lines = after.lines.map((line) => {
    const prior = earlier.get(`${line.service}/${line.item}`);
    return { ...line, quantity: line.quantity - (prior?.quantity ?? 0), usd: line.usd - (prior?.usd ?? 0) };
  });
  const totalUsd = lines.reduce((sum, l) => sum + l.usd, 0);
  return {
    region: after.region,
    priceDate: after.priceDate,
    runSeconds,
    lines,
    totalUsd,
    monthlyUsd: runSeconds > 0 ? totalUsd * (MONTH_SECONDS / runSeconds) : 0,
    notes: after.notes,
  };
}

const usd = (value: number) => `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 8 : 2)}`;

export function formatCost(cost: RunCost): string {
  const width = Math.max(...cost.lines.map((l) => `${l.service} ${l.item}`.length));
  const rows = cost.lines.map(
    (l) =>
      `  ${`${l.service} ${l.item}`.padEnd(width)}  ${String(Math.round(l.quantity * 1000) / 1000).padStart(12)} ${l.unit.padEnd(11)} ${usd(l.usd)}`,
  );
  return [
    `cost on AWS (${cost.region}, list prices of ${cost.priceDate}) for this ${cost.runSeconds.toFixed(1)} s run:`,
    ...rows,
    `  total ${usd(cost.totalUsd)}; ${usd(cost.monthlyUsd)} a month at this rate`,
    ...cost.notes.map((n) => `  note: ${n}`),
  ].join('\n');
}
