import { type GatewayContext, invokeLogged } from '../context.js';
import { buildMessageEvent } from '../events/build.js';
import type { RouteResult } from '../events/types.js';
import { newId } from '../ids.js';
import type { Connection } from './connection.js';
import { unroutedRecord } from '../inspect/request-record.js';

/**
 * API Gateway's error frame, byte for byte: a space after `"message":`, none after the others.
 * @example errorFrame('Forbidden', 'XDmENcnwIE0CFEQ=', 'XDmGEE2RoE0FRdQ=')
 * // '{"message": "Forbidden", "connectionId":"XDmENcnwIE0CFEQ=", "requestId":"XDmGEE2RoE0FRdQ="}'
 */
export function errorFrame(
  message: 'Forbidden' | 'Internal server error',
  connectionId: string,
  requestId: string,
) {
  return `{"message": "${message}", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

function send(ctx: GatewayContext, connection: Connection, text: string): void {
  const socket = connection.socket;
  if (connection.state !== 'open' || socket?.readyState !== socket?.OPEN) return;
  socket?.send(text);
  ctx.observer.frame(connection.connectionId, 'out', text);
}

/** The frame a two-way route sends: the result's `body` (UNCONFIRMED: also for non-2xx). */
function responseBody(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  const body = (value as RouteResult).body;
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * Routes one text message: selects the route, invokes its function, and answers as API Gateway
 * does: the `Forbidden` frame when no route matches and there is no `$default`, the
 * `Internal server error` frame when the function fails, the `body` on two-way routes, and
 * nothing on one-way routes.
 */
export async function handleMessage(
  ctx: GatewayContext,
  connection: Connection,
  text: string,
): Promise<void> {
  if (ctx.chaosMaxDelayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ctx.chaosMaxDelayMs));
  }
  const target = ctx.routes.select(text);
  if (!target) {
    ctx.log(`(no route) ${connection.connectionId} Forbidden`);
    const requestId = newId();
    send(ctx, connection, errorFrame('Forbidden', connection.connectionId, requestId));
    ctx.observer.request(unroutedRecord(connection, requestId));
    return;
  }
  const event = buildMessageEvent(ctx.api, connection, target.routeKey, text);
  const requestId = event.requestContext.requestId;
  const result = await invokeLogged(
    ctx,
    { route: target.routeKey, connectionId: connection.connectionId },
    target.functionName,
    event,
    requestId,
  );
  ctx.observer.routed(event.requestContext, result);
  if (!result.ok) {
    send(ctx, connection, errorFrame('Internal server error', connection.connectionId, requestId));
    return;
  }
  if (!target.twoWay) return;
  const body = responseBody(result.value);
  if (body !== undefined) send(ctx, connection, body);
}
