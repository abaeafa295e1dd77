import type { MetricReport } from '../../src/inspect/metrics.js';

// The server's own types where they are plain data (type-only imports: nothing of the gateway is
// bundled into the page).
export type { CostEstimate } from '../../src/inspect/cost.js';
export type { ExecutionView } from '../../src/inspect/step-functions-reader.js';
export type MetricRow = MetricReport;

/** What `/@inspector/api/events` pushes: the gateway's src/inspect/snapshot.ts, as JSON. */
export interface Snapshot {
  now: number;
  settings: Record<string, unknown>;
  connections: ConnectionRow[];
  frames: FrameRow[];
  invocations: InvocationRow[];
  metrics: MetricRow[];
}

export interface ConnectionRow {
  connectionId: string;
  user?: string;
  sourceIp: string;
  connectedAt: number;
  lastActiveAt: number;
  framesIn: number;
  framesOut: number;
}

export interface FrameRow {
  seq: number;
  connectionId: string;
  direction: 'in' | 'out';
  at: number;
  bytes: number;
  text: string;
}

export interface InvocationRow {
  id: string;
  route: string;
  functionName: string;
  requestId: string;
  connectionId?: string;
  startedAt: number;
  durationMs: number;
  status: 'ok' | 'error' | 'timeout' | 'crash';
}

export interface InvocationDetail extends InvocationRow {
  event: unknown;
  result?: unknown;
  error?: { kind: string; errorType: string; message: string };
  logs: string[];
}

/** A view of one route: built once when the route opens, updated on every snapshot. */
export interface View {
  root: HTMLElement;
  update(snapshot: Snapshot): void;
  /** Called when the route closes (timers, requests). */
  dispose?(): void;
}
