/**
 * The one recorder a gateway reports to ({@link GatewayObserver}): cheap counters always (the
 * metrics and the bill's inputs), bounded rings of frames and invocations for the inspector
 * (newest kept), the access log when asked for, and a change signal for whoever watches.
 */
import type { InvocationResult } from '../contracts.js';
import type { ConnectionInfo } from '../events/build.js';
import type { WebSocketRequestContext } from '../events/types.js';
import type { AccessLogWriter } from './access-log.js';
import { GatewayMetrics, type MetricsOptions } from './metrics.js';
import type { GatewayObserver, InvocationRecord, RequestRecord } from './observer.js';
import { requestRecord } from './request-record.js';
import { RingBuffer } from './ring-buffer.js';

/** API Gateway bills a message per 32 KB started. */
export const MESSAGE_BILLING_BYTES = 32 * 1024;

export interface RecorderOptions {
  dimensions: { ApiId: string; Stage: string };
  /** Frames kept for the inspector, across connections. 0 keeps none. @default 1000 */
  maxFrames?: number;
  /** Invocations kept, with their event and result. 0 keeps none. @default 200 */
  maxInvocations?: number;
  accessLog?: AccessLogWriter;
  metrics?: MetricsOptions;
}

export interface ConnectionStats {
  connectionId: string;
  /** The authorizer's principal, when there is one. */
  user?: string;
  sourceIp: string;
  /** The handshake's `User-Agent` (test helpers tell their clients apart by it). */
  userAgent?: string;
  connectedAt: number;
  lastActiveAt: number;
  framesIn: number;
  framesOut: number;
}

export interface FrameRecord {
  seq: number;
  connectionId: string;
  direction: 'in' | 'out';
  at: number;
  /** Kept as the gateway had it: decoding waits until someone looks. */
  data: string | Buffer;
}

export interface KeptInvocation extends InvocationRecord {
  /** Unique per record (a replay reuses no id). */
  id: string;
}

/** How many 32 KB units a frame is billed as; counts bytes only when it could matter. */
export function billedMessageUnits(data: string | Buffer): number {
  // A string of at most a third of 32 KB in UTF-16 units cannot exceed 32 KB in UTF-8.
  if (typeof data === 'string' && data.length * 3 <= MESSAGE_BILLING_BYTES) return 1;
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  return Math.max(1, Math.ceil(bytes / MESSAGE_BILLING_BYTES));
}

export class Recorder implements GatewayObserver {
  readonly metrics: GatewayMetrics;
  readonly startedAt = Date.now();
  readonly connections = new Map<string, ConnectionStats>();
  readonly frames: RingBuffer<FrameRecord>;
  readonly invocations: RingBuffer<KeptInvocation>;
  readonly functionLogs: RingBuffer<{ functionName: string; line: string; at: number }>;
  readonly usage = { messages: 0, messageUnits: 0, closedConnectionMs: 0 };
  readonly #listeners = new Set<() => void>();
  readonly #accessLog: AccessLogWriter | undefined;
  #seq = 0;
  // Frames, invocations and log lines are kept from the first look on: until someone opens the
  // inspector, a frame costs a few additions and nothing is retained (pnpm bench's figures).
  #keeping = false;

  constructor(options: RecorderOptions) {
    this.metrics = new GatewayMetrics(options.dimensions, options.metrics);
    this.frames = new RingBuffer(options.maxFrames ?? 1000);
    this.invocations = new RingBuffer(options.maxInvocations ?? 200);
    this.functionLogs = new RingBuffer(options.maxInvocations === 0 ? 0 : 1000);
    this.#accessLog = options.accessLog;
  }

  /** Start keeping frames, invocations and log lines (the inspector was opened). */
  keep(): void {
    this.#keeping = true;
  }

  /** Calls `listener` after each change; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Connection-minutes so far, open connections included up to `now`. */
  connectionMs(now = Date.now()): number {
    let open = 0;
    for (const c of this.connections.values()) open += now - c.connectedAt;
    return this.usage.closedConnectionMs + open;
  }

  request(record: RequestRecord): void {
    const ranIntegration = record.integrationLatencyMs !== undefined;
    if (record.eventType === 'CONNECT' && (record.status < 400 || ranIntegration)) {
      this.metrics.api('ConnectCount', 1, record.requestTimeEpoch);
    }
    if (record.status >= 400 && record.status < 500 && !ranIntegration) {
      this.metrics.api('ClientError', 1, record.requestTimeEpoch);
    }
    this.#accessLog?.write(record);
    this.#changed();
  }

  routed(context: WebSocketRequestContext, result: InvocationResult): void {
    this.request(requestRecord(context, result));
  }

  opened(connection: ConnectionInfo): void {
    this.connections.set(connection.connectionId, {
      connectionId: connection.connectionId,
      user: connection.authorizer?.principalId as string | undefined,
      sourceIp: connection.identity.sourceIp,
      ...(connection.identity.userAgent ? { userAgent: connection.identity.userAgent } : {}),
      connectedAt: connection.connectedAt,
      lastActiveAt: connection.connectedAt,
      framesIn: 0,
      framesOut: 0,
    });
    this.#changed();
  }

  closed(connectionId: string): void {
    const stats = this.connections.get(connectionId);
    if (stats) this.usage.closedConnectionMs += Date.now() - stats.connectedAt;
    this.connections.delete(connectionId);
    this.#changed();
  }

  frame(connectionId: string, direction: 'in' | 'out', data: string | Buffer): void {
    const at = Date.now();
    this.metrics.api('MessageCount', 1, at);
    this.usage.messages += 1;
    this.usage.messageUnits += billedMessageUnits(data);
    const stats = this.connections.get(connectionId);
    if (stats) {
      if (direction === 'in') {
        stats.framesIn += 1;
        stats.lastActiveAt = at;
      } else stats.framesOut += 1;
    }
    if (this.#keeping) this.frames.push({ seq: ++this.#seq, connectionId, direction, at, data });
    this.#changed();
  }

  invoked(record: InvocationRecord): void {
    const { result } = record;
    const now = Date.now();
    this.metrics.lambda(record.functionName, result.durationMs, !result.ok, now);
    // Routes are API Gateway integrations; the authorizer and workflow tasks are not.
    if (!record.route.startsWith('(')) {
      this.metrics.api('IntegrationLatency', result.durationMs, now);
      if (!result.ok) this.metrics.api('ExecutionError', 1, now);
      const statusCode = result.ok ? (result.value as { statusCode?: unknown } | null)?.statusCode : 500;
      if (typeof statusCode === 'number' && statusCode >= 400) this.metrics.api('IntegrationError', 1, now);
    }
    if (this.#keeping) this.invocations.push({ ...record, id: `${record.requestId}.${++this.#seq}` });
    this.#changed();
  }

  functionLog(functionName: string, line: string): void {
    if (this.#keeping) this.functionLogs.push({ functionName, line, at: Date.now() });
  }

  /** The lines `functionName` wrote while an invocation ran (environments run one call at a time). */
  logsOf(invocation: KeptInvocation): string[] {
    const end = invocation.startedAt + invocation.result.durationMs + 250;
    return this.functionLogs
      .toArray()
      .filter(
        (l) => l.functionName === invocation.functionName && l.at >= invocation.startedAt && l.at <= end,
      )
      .map((l) => l.line);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#accessLog?.close();
  }

  #changed(): void {
    if (this.#listeners.size === 0) return;
    for (const listener of this.#listeners) listener();
  }
}
