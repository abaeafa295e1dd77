import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from '../context.js';
import { ConnectionApiError } from '../errors.js';
import { readBody } from './read-body.js';
import { verifySigV4 } from './sigv4.js';

function sendJson(res: ServerResponse, status: number, body?: unknown, errorType?: string): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(text) };
  if (text) headers['Content-Type'] = 'application/json';
  // Without x-amzn-ErrorType, SDK v3 names every error "Unknown".
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers).end(text);
}

/**
 * Answers a `@connections` request whose path lacks the stage or names another one as API
 * Gateway does: 403 `ForbiddenException`, `{"message":"Forbidden"}`. This is what an SDK client
 * built with a wrong endpoint reports on AWS, so a handler with that bug fails here the same way.
 */
export function refuseForeignStage(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse): void {
  ctx.log(`@connections ${req.method} ${req.url} refused: the path does not start with /${ctx.api.stage}`);
  // Drain the body so the socket can carry the client's next request (SDK clients keep it alive).
  req.resume();
  const error = new ConnectionApiError('ForbiddenException', 'Forbidden');
  sendJson(res, error.statusCode, { message: error.message }, error.errorType);
}

/**
 * Serves `/{stage}/@connections/{id}`: POST 200, GET 200 JSON, DELETE 204; errors carry
 * `x-amzn-ErrorType` so the SDK names them. Every request must be SigV4-signed for `execute-api`.
 */
export async function serveConnectionsApi(
  ctx: GatewayContext,
  req: IncomingMessage,
  res: ServerResponse,
  encodedId: string,
): Promise<void> {
  const { body, tooLarge } = await readBody(req, ctx.limits.maxPostBytes);
  try {
    if (tooLarge) {
      throw new ConnectionApiError(
        'PayloadTooLargeException',
        `Request entity too large: over ${ctx.limits.maxPostBytes} bytes`,
      );
    }
    const problem = await verifySigV4(req, body, ctx.credentials);
    if (problem) {
      ctx.log(`@connections ${req.method} refused: ${problem}`);
      throw new ConnectionApiError('ForbiddenException', 'Forbidden');
    }
    let connectionId: string;
    try {
      connectionId = decodeURIComponent(encodedId);
    } catch {
      throw new ConnectionApiError('GoneException', 'Gone');
    }
    if (req.method === 'POST') {
      ctx.connections.post(connectionId, body);
      return sendJson(res, 200);
    }
    if (req.method === 'DELETE') {
      ctx.connections.disconnect(connectionId);
      return sendJson(res, 204);
    }
    const connection = ctx.connections.getOpen(connectionId);
    if (!connection) throw new ConnectionApiError('GoneException', 'Gone');
    if (req.method === 'GET') {
      return sendJson(res, 200, {
        connectedAt: new Date(connection.connectedAt).toISOString(),
        identity: { sourceIp: connection.identity.sourceIp, userAgent: connection.identity.userAgent },
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      });
    }
    res.writeHead(405, { Allow: 'GET, POST, DELETE' }).end();
  } catch (error) {
    if (!(error instanceof ConnectionApiError)) throw error;
    sendJson(res, error.statusCode, { message: error.message }, error.errorType);
  }
}
