/**
 * What the gateway's parts report to the inspector, the access log and the metrics: one small
 * typed interface, so the upgrade, session, messages, `@connections` and runtime code each call
 * one method and know nothing of who listens.
 */
import type { InvocationResult } from '../contracts.js';
import type { ConnectionInfo } from '../events/build.js';
import type { WebSocketRequestContext } from '../events/types.js';

/** One request as API Gateway's access log sees it: a CONNECT, MESSAGE or DISCONNECT. */
export interface RequestRecord {
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  /** The selected route; `$connect` for a refused handshake, `-` when none matched. */
  routeKey: string;
  connectionId: string;
  requestId: string;
  /** Epoch ms the request arrived. */
  requestTimeEpoch: number;
  sourceIp: string;
  /** The status API Gateway answered with (a refused handshake's status, 403 for no route). */
  status: number;
  /** Time spent in the integration (the function), when one ran. */
  integrationLatencyMs?: number;
  /** API Gateway's own error message (`Forbidden`, `Internal server error`, `Unauthorized`). */
  errorMessage?: string;
  messageId?: string;
}

/** One function invocation: a route, the authorizer, a workflow task or a replay. */
export interface InvocationRecord {
  /** `$connect`, a route key, `(authorizer)`, `(task)` or `(replay)`. */
  route: string;
  functionName: string;
  requestId: string;
  connectionId?: string;
  /** Epoch ms the invocation started. */
  startedAt: number;
  event: unknown;
  result: InvocationResult;
}

export interface GatewayObserver {
  request(record: RequestRecord): void;
  /**
   * A MESSAGE or DISCONNECT whose integration ran: {@link request} with the record built from
   * the event's context and the result, built only by an observer that uses it (none per message
   * when nobody watches).
   */
  routed(context: WebSocketRequestContext, result: InvocationResult): void;
  opened(connection: ConnectionInfo): void;
  closed(connectionId: string, close: { code: number; reason: string }): void;
  /** A data frame: `in` from the client, `out` to it (route responses, posts, error frames). */
  frame(connectionId: string, direction: 'in' | 'out', data: string | Buffer): void;
  invoked(record: InvocationRecord): void;
  /** A line a function wrote to stdout or stderr. */
  functionLog(functionName: string, line: string): void;
}

/** The observer of a gateway nobody watches: no access log, no inspector, no work at all. */
export const noObserver: GatewayObserver = {
  request() {},
  routed() {},
  opened() {},
  closed() {},
  frame() {},
  invoked() {},
  functionLog() {},
};
