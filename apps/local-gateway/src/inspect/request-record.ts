import type { InvocationResult } from '../contracts.js';
import type { ConnectionInfo } from '../events/build.js';
import type { WebSocketRequestContext } from '../events/types.js';
import type { RequestRecord } from './observer.js';

/** API Gateway's messages for the statuses it answers itself. */
const gatewayMessages: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  500: 'Internal server error',
  502: 'Internal server error',
};

/**
 * The access-log view of a request whose integration ran: its status is the function's
 * `statusCode` (200 without one), or 500 when the function failed
 * (`$connect` is {@link handshakeRecord}'s).
 */
export function requestRecord(context: WebSocketRequestContext, result: InvocationResult): RequestRecord {
  const statusCode = result.ok ? (result.value as { statusCode?: unknown } | null)?.statusCode : undefined;
  const resolved = !result.ok ? 500 : typeof statusCode === 'number' ? statusCode : 200;
  const record: RequestRecord = {
    eventType: context.eventType,
    routeKey: context.routeKey,
    connectionId: context.connectionId,
    requestId: context.requestId,
    requestTimeEpoch: context.requestTimeEpoch,
    sourceIp: context.identity.sourceIp,
    status: resolved,
    integrationLatencyMs: result.durationMs,
  };
  if (!result.ok) record.errorMessage = gatewayMessages[resolved] ?? 'Internal server error';
  if (context.messageId) record.messageId = context.messageId;
  return record;
}

/** A message no route matched: API Gateway answers `Forbidden` itself, no integration runs. */
export function unroutedRecord(connection: ConnectionInfo, requestId: string): RequestRecord {
  return {
    eventType: 'MESSAGE',
    routeKey: '-',
    connectionId: connection.connectionId,
    requestId,
    requestTimeEpoch: Date.now(),
    sourceIp: connection.identity.sourceIp,
    status: 403,
    errorMessage: 'Forbidden',
  };
}

/** A handshake refused before or by `$connect`, or accepted without a `$connect` route. */
export function handshakeRecord(
  connection: ConnectionInfo,
  status: number,
  integration?: { requestId: string; result: InvocationResult },
): RequestRecord {
  const record: RequestRecord = {
    eventType: 'CONNECT',
    routeKey: '$connect',
    connectionId: connection.connectionId,
    requestId: integration?.requestId ?? '-',
    requestTimeEpoch: connection.connectedAt,
    sourceIp: connection.identity.sourceIp,
    status,
  };
  if (integration) record.integrationLatencyMs = integration.result.durationMs;
  if (status >= 400) record.errorMessage = gatewayMessages[status] ?? String(status);
  return record;
}
