import type { Manifest } from '@switchboard/manifest';
import type { FunctionRuntime, InvocationResult } from './contracts.js';
import type { ApiInfo } from './events/build.js';
import type { ConnectionsConditions } from './http/connections-conditions.js';
import type { SigningCredentials } from './http/sigv4.js';
import type { GatewayObserver } from './inspect/observer.js';
import type { RouteTable } from './routing/route-table.js';
import type { ConnectionRegistry } from './ws/connection.js';

/** Sizes and times the gateway enforces, API Gateway's quotas by default. */
export interface GatewayLimits {
  /** @default 600000 (10 minutes) */
  idleTimeoutMs: number;
  /** @default 7200000 (2 hours) */
  maxDurationMs: number;
  /** @default 32768 */
  maxFrameBytes: number;
  /** @default 131072 */
  maxMessageBytes: number;
  /** PostToConnection `Data` limit. @default 131072 */
  maxPostBytes: number;
  /** A client's unsent bytes above which PostToConnection answers 429. @default 1048576 */
  maxBufferedBytes: number;
}

/**
 * What the gateway's parts share; built once per gateway, so two gateways never mix, and only
 * once everything it holds exists (the HTTPS listener's domain name, the function runtime).
 */
export interface GatewayContext {
  api: ApiInfo & { region: string; accountId: string };
  manifest: Manifest;
  routes: RouteTable;
  connections: ConnectionRegistry;
  limits: GatewayLimits;
  credentials: SigningCredentials;
  /** Chaos mode's longest hold of a message before routing (0: off). */
  chaosMaxDelayMs: number;
  /** `@connections` latency and rate limit (`--connections-latency-ms`, `--connections-rate-limit`). */
  connectionsConditions?: ConnectionsConditions;
  runtime: FunctionRuntime;
  log: (line: string) => void;
  /** Where requests, frames and invocations are reported (inspector, access log, metrics). */
  observer: GatewayObserver;
  /** The HMAC secret of local tokens (`switchboard token`, the token endpoint). */
  signingSecret: string;
}

function statusOf(result: InvocationResult): string {
  if (!result.ok) return result.error.kind;
  const value = result.value as { statusCode?: unknown } | null | undefined;
  return typeof value?.statusCode === 'number' ? String(value.statusCode) : '-';
}

/**
 * Invokes a manifest function and logs one line: route, connection id, status, duration.
 * @example "join R1kmxc2VNjMCFIA= 200 12ms"
 */
export async function invokeLogged(
  ctx: GatewayContext,
  label: { route: string; connectionId: string },
  functionName: string,
  event: unknown,
  requestId?: string,
): Promise<InvocationResult> {
  let result: InvocationResult;
  const startedAt = Date.now();
  try {
    result = await ctx.runtime.invoke(functionName, event, requestId ? { awsRequestId: requestId } : {});
  } catch (cause) {
    // A runtime that rejects (rather than resolving ok: false) is treated as a crashed environment.
    const message = cause instanceof Error ? cause.message : String(cause);
    result = { ok: false, error: { kind: 'crash', errorType: 'RuntimeError', message }, durationMs: 0 };
  }
  ctx.observer.invoked({
    route: label.route,
    functionName,
    requestId: requestId ?? '-',
    connectionId: label.connectionId,
    startedAt,
    event,
    result,
  });
  const detail = result.ok ? '' : ` ${result.error.errorType}: ${result.error.message}`;
  ctx.log(
    `${label.route} ${label.connectionId} ${statusOf(result)} ${Math.round(result.durationMs)}ms${detail}`,
  );
  return result;
}
