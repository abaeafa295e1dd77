/**
 * The WebSocket upgrade, as API Gateway runs it, from the request to an open connection or a
 * refusal: the stage and handshake checks, the authorizer, `$connect`, the subprotocol, and the
 * HTTP status a refused handshake ends with.
 */
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type GatewayContext, invokeLogged } from '../context.js';
import { buildAuthorizerEvent, buildConnectEvent, methodArn } from '../events/build.js';
import type { RouteResult } from '../events/types.js';
import { classifyPath } from '../http/paths.js';
import { newId } from '../ids.js';
import { decideAuthorization, hasIdentitySources } from './authorizer.js';
import type { Connection } from './connection.js';
import { handshakeRecord } from '../inspect/request-record.js';
import type { ConnectionInfo } from '../events/build.js';
import type { InvocationResult } from '../contracts.js';

/** Runs upgrades for one gateway. */
export interface UpgradeHandler {
  /** Takes one upgrade request to its end: an open connection handed to `onOpen`, or a refusal. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Cuts the handshakes still waiting for the authorizer or `$connect` (at shutdown). */
  abortPending(): void;
}

/**
 * An {@link UpgradeHandler}: the handshake waits for the authorizer and `$connect` and fails
 * with their status, as on API Gateway; only then does `ws` complete it.
 */
export function createUpgradeHandler(
  ctx: GatewayContext,
  onOpen: (connection: Connection, ws: WebSocket) => void,
): UpgradeHandler {
  // ws asks for the subprotocol with only the request in hand: the one $connect returned is
  // kept here, per request, until ws completes that handshake.
  const chosenProtocols = new WeakMap<IncomingMessage, string>();
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: ctx.limits.maxMessageBytes,
    // API Gateway does not negotiate compression; frame sizes are then what the client sent.
    perMessageDeflate: false,
    // Never pick a subprotocol on our own: only the one $connect returned is echoed.
    handleProtocols: (_offered, req) => chosenProtocols.get(req) ?? false,
  });
  const pending = new Set<Duplex>();
  // Every refusal is a request the access log and ClientError count.
  const refuse = (
    socket: Duplex,
    connection: ConnectionInfo,
    status: number,
    body?: string,
    integration?: { requestId: string; result: InvocationResult },
  ) => {
    ctx.observer.request(handshakeRecord(connection, status, integration));
    refuseUpgrade(socket, status, body);
  };
  const anonymous = (req: IncomingMessage): ConnectionInfo => ({
    connectionId: '-',
    connectedAt: Date.now(),
    identity: identityOf(req),
  });

  const run = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    // Anywhere but `/{stage}` is refused, as a wrong stage is on AWS.
    if (classifyPath(ctx.api.stage, req.url ?? '/').kind !== 'stage')
      return refuse(socket, anonymous(req), 403);
    // Refuse what ws would refuse before anything runs, so $connect only sees valid handshakes.
    if (!isValidHandshake(req)) return refuse(socket, anonymous(req), 400);
    const url = new URL(req.url ?? '/', 'http://local');
    const upgradeInfo = { rawHeaders: withForwardedHeaders(req), search: url.searchParams };
    const now = Date.now();
    const connection: Connection = {
      connectionId: newId(),
      connectedAt: now,
      lastActiveAt: now,
      identity: identityOf(req),
      state: 'connecting',
    };
    const label = { route: '$connect', connectionId: connection.connectionId };

    const authorizer = ctx.manifest.authorizer;
    if (authorizer) {
      if (!hasIdentitySources(authorizer, req.headers, url.searchParams))
        return refuse(socket, connection, 401);
      const event = buildAuthorizerEvent(ctx.api, connection, upgradeInfo);
      const result = await invokeLogged(ctx, { ...label, route: '(authorizer)' }, authorizer.function, event);
      const outcome = decideAuthorization(result, methodArn(ctx.api, '$connect'));
      if (!outcome.allow) return refuse(socket, connection, outcome.status);
      connection.authorizer = outcome.context;
    }

    // Registered while $connect runs so that the @connections API can answer 410 for it.
    ctx.connections.add(connection);
    const target = ctx.routes.get('$connect');
    let protocol: string | undefined;
    let accepted: { status: number; integration?: { requestId: string; result: InvocationResult } } = {
      status: 200,
    };
    if (target) {
      const event = buildConnectEvent(ctx.api, connection, upgradeInfo);
      const result = await invokeLogged(
        ctx,
        label,
        target.functionName,
        event,
        event.requestContext.requestId,
      );
      const value = (result.ok ? result.value : undefined) as RouteResult | undefined;
      // UNCONFIRMED: a result without statusCode is taken as success.
      const status = !result.ok ? 502 : typeof value?.statusCode === 'number' ? value.statusCode : 200;
      const integration = { requestId: event.requestContext.requestId, result };
      if (status < 200 || status > 299) {
        ctx.connections.delete(connection.connectionId);
        return refuse(
          socket,
          connection,
          status,
          typeof value?.body === 'string' ? value.body : undefined,
          integration,
        );
      }
      accepted = { status, integration };
      protocol = headerOf(value?.headers, 'sec-websocket-protocol');
    }
    if (socket.destroyed) {
      // The client gave up during $connect; API Gateway never opened it, so no $disconnect.
      ctx.connections.delete(connection.connectionId);
      return;
    }
    if (protocol) chosenProtocols.set(req, protocol);
    ctx.observer.request(handshakeRecord(connection, accepted.status, accepted.integration));
    wss.handleUpgrade(req, socket, head, (ws) => onOpen(connection, ws));
  };

  return {
    handle(req, socket, head) {
      // A client that drops while $connect runs must not crash the gateway.
      socket.on('error', () => socket.destroy());
      pending.add(socket);
      run(req, socket, head)
        .catch((error: unknown) => {
          ctx.log(`internal error during upgrade: ${(error as Error).message}`);
          socket.destroy();
        })
        .finally(() => pending.delete(socket));
    },
    abortPending() {
      for (const socket of pending) socket.destroy();
    },
  };
}

// API Gateway's bodies for the statuses it makes up itself; a $connect status passes its own body.
const gatewayBodies: Record<number, string> = {
  400: '{"message":"Bad Request"}',
  401: '{"message":"Unauthorized"}',
  403: '{"message":"Forbidden"}',
  500: '{"message": "Internal server error"}',
  502: '{"message": "Internal server error"}',
};

/** Ends a pending WebSocket handshake with an HTTP status, as a refused upgrade does. */
function refuseUpgrade(socket: Duplex, status: number, body?: string): void {
  if (socket.destroyed) return;
  const text = body ?? gatewayBodies[status] ?? '';
  const payload = Buffer.from(text);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${payload.length}\r\n\r\n${text}`,
  );
}

function identityOf(req: IncomingMessage): Connection['identity'] {
  const sourceIp = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const userAgent = req.headers['user-agent'];
  return userAgent ? { sourceIp, userAgent } : { sourceIp };
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}

function isValidHandshake(req: IncomingMessage): boolean {
  const key = req.headers['sec-websocket-key'];
  const version = req.headers['sec-websocket-version'];
  return (
    req.method === 'GET' &&
    req.headers.upgrade?.toLowerCase() === 'websocket' &&
    typeof key === 'string' &&
    /^[+/0-9A-Za-z]{22}==$/.test(key) &&
    (version === '13' || version === '8')
  );
}

/** The client's headers plus the `X-Forwarded-*` set API Gateway adds to CONNECT events. */
function withForwardedHeaders(req: IncomingMessage): string[] {
  const has = (name: string) => req.headers[name.toLowerCase()] !== undefined;
  const added: Array<[string, string]> = [
    ['X-Forwarded-For', (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')],
    ['X-Forwarded-Port', String(req.socket.localPort ?? '')],
    ['X-Forwarded-Proto', 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http'],
  ];
  return [...req.rawHeaders, ...added.filter(([name]) => !has(name)).flat()];
}
