import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { type GatewayContext, invokeLogged } from '../context.js';
import { buildAuthorizerEvent, buildConnectEvent, methodArn } from '../events/build.js';
import type { RouteResult } from '../events/types.js';
import { newId } from '../ids.js';
import { decideAuthorization, hasIdentitySources } from './authorizer.js';
import type { Connection } from './connection.js';
import { refuseUpgrade } from './refuse.js';

/** What the upgrade hands to `ws`: the subprotocol `$connect` chose, if any. */
export const chosenProtocols = new WeakMap<IncomingMessage, string>();

/**
 * Handles a WebSocket upgrade as API Gateway does: the handshake waits for the authorizer and
 * `$connect`, and fails with their status; only then does `ws` complete it.
 */
export async function handleUpgrade(
  ctx: GatewayContext,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  onOpen: (connection: Connection, ws: WebSocket) => void,
): Promise<void> {
  // A client that drops while $connect runs must not crash the gateway.
  socket.on('error', () => socket.destroy());
  // Refuse what ws would refuse before anything runs, so $connect only sees valid handshakes.
  if (!isValidHandshake(req)) return refuseUpgrade(socket, 400);
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
    if (!hasIdentitySources(authorizer, req.headers, url.searchParams)) return refuseUpgrade(socket, 401);
    const event = buildAuthorizerEvent(ctx.api, connection, upgradeInfo);
    const result = await invokeLogged(ctx, { ...label, route: '(authorizer)' }, authorizer.function, event);
    const outcome = decideAuthorization(result, methodArn(ctx.api, '$connect'));
    if (!outcome.allow) return refuseUpgrade(socket, outcome.status);
    connection.authorizer = outcome.context;
  }

  // Registered while $connect runs so that the @connections API can answer 410 for it.
  ctx.connections.add(connection);
  const target = ctx.routes.get('$connect');
  let protocol: string | undefined;
  if (target) {
    const event = buildConnectEvent(ctx.api, connection, upgradeInfo);
    const result = await invokeLogged(ctx, label, target.functionName, event, event.requestContext.requestId);
    const value = (result.ok ? result.value : undefined) as RouteResult | undefined;
    // UNCONFIRMED: a result without statusCode is taken as success.
    const status = !result.ok ? 502 : typeof value?.statusCode === 'number' ? value.statusCode : 200;
    if (status < 200 || status > 299) {
      ctx.connections.delete(connection.connectionId);
      return refuseUpgrade(socket, status, typeof value?.body === 'string' ? value.body : undefined);
    }
    protocol = headerOf(value?.headers, 'sec-websocket-protocol');
  }
  if (socket.destroyed) {
    // The client gave up during $connect; API Gateway never opened it, so no $disconnect.
    ctx.connections.delete(connection.connectionId);
    return;
  }
  if (protocol) chosenProtocols.set(req, protocol);
  wss.handleUpgrade(req, socket, head, (ws) => onOpen(connection, ws));
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
