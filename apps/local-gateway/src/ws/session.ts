import type { WebSocket } from 'ws';
import type { GatewayContext } from '../context.js';
import { invokeLogged } from '../context.js';
import { buildDisconnectEvent } from '../events/build.js';
import { type CloseReason, type Connection, closeCodes, closeConnection } from './connection.js';
import { watchFrameSizes } from './frame-guard.js';
import { handleMessage } from './messages.js';

/** The code and reason `$disconnect` reports for a close the client (or the network) made. */
export function clientCloseReason(code: number, reason: string): CloseReason {
  if (code === 1005) return { code, reason: 'Client-side close frame status not set' };
  return { code, reason };
}

/** What a session needs besides the gateway's context. */
export interface SessionOptions {
  /** Ping interval of the liveness heartbeat; 0 turns it off. See {@link startHeartbeat}. */
  heartbeatIntervalMs: number;
}

/**
 * Pings the client every `intervalMs` and cuts a client that has sent nothing (no pong, no
 * message) since the previous ping: a peer that vanished without a FIN (a half-open socket) is
 * found within two intervals and handled as a drop (`$disconnect` with 1006). The ping is a
 * transport-level liveness check only; it is not activity for the idle timeout.
 * @returns the function that stops it
 */
export function startHeartbeat(socket: WebSocket, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => {};
  let heard = true;
  const onHeard = () => {
    heard = true;
  };
  socket.on('pong', onHeard);
  socket.on('message', onHeard);
  const timer = setInterval(() => {
    if (!heard) {
      // terminate() destroys the socket without a close frame: ws reports 1006, as for a drop.
      socket.terminate();
      return;
    }
    heard = false;
    socket.ping();
  }, intervalMs);
  return () => {
    clearInterval(timer);
    socket.off('pong', onHeard);
    socket.off('message', onHeard);
  };
}

/**
 * Runs an accepted connection: routes its messages, enforces frame, message, idle and duration
 * limits, checks the client is still there (heartbeat), and runs `$disconnect` once the socket
 * has closed.
 */
export function runSession(
  ctx: GatewayContext,
  connection: Connection,
  socket: WebSocket,
  options: SessionOptions = { heartbeatIntervalMs: 0 },
): Promise<void> {
  connection.socket = socket;
  connection.state = 'open';
  ctx.observer.opened(connection);
  let refused = false;
  const refuse = (close: CloseReason) => {
    refused = true;
    closeConnection(connection, close);
  };

  const stopFrameGuard = watchFrameSizes(
    (socket as unknown as { _socket: import('node:net').Socket })._socket,
    ctx.limits.maxFrameBytes,
    () => refuse(closeCodes.tooBig),
  );
  const maxDuration = setTimeout(
    () => closeConnection(connection, closeCodes.goingAway),
    ctx.limits.maxDurationMs,
  );
  const idle = setTimeout(() => closeConnection(connection, closeCodes.goingAway), ctx.limits.idleTimeoutMs);
  const stopHeartbeat = startHeartbeat(socket, options.heartbeatIntervalMs);

  socket.on('message', (data, isBinary) => {
    if (refused || connection.state !== 'open') return;
    if (isBinary) {
      refuse(closeCodes.binary);
      return;
    }
    // Only data frames count as activity: AWS ignores pings for the idle timer.
    connection.lastActiveAt = Date.now();
    idle.refresh();
    const text = data.toString();
    ctx.observer.frame(connection.connectionId, 'in', text);
    void handleMessage(ctx, connection, text);
  });
  socket.on('error', (err: Error & { code?: string }) => {
    // ws closes with 1009 itself when a message exceeds maxPayload.
    if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection.closeIntent ??= { ...closeCodes.tooBig };
  });

  return new Promise<void>((resolve) => {
    socket.on('close', (code, reasonBuffer) => {
      clearTimeout(maxDuration);
      clearTimeout(idle);
      stopHeartbeat();
      stopFrameGuard();
      connection.state = 'closed';
      ctx.connections.delete(connection.connectionId);
      const close = connection.closeIntent ?? clientCloseReason(code, reasonBuffer.toString());
      ctx.observer.closed(connection.connectionId, close);
      resolve(runDisconnect(ctx, connection, close));
    });
  });
}

async function runDisconnect(ctx: GatewayContext, connection: Connection, close: CloseReason): Promise<void> {
  const target = ctx.routes.get('$disconnect');
  if (!target) return;
  const event = buildDisconnectEvent(ctx.api, connection, close);
  const result = await invokeLogged(
    ctx,
    { route: '$disconnect', connectionId: connection.connectionId },
    target.functionName,
    event,
    event.requestContext.requestId,
  );
  ctx.observer.routed(event.requestContext, result);
}
