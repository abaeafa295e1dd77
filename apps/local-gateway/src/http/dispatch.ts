import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { GatewayContext } from '../context.js';
import type { Inspector } from '../inspect/inspector.js';
import { serveTokenEndpoint } from '../local-auth/index.js';
import { refuseForeignStage, serveConnectionsApi } from './connections-api.js';
import { serveUnderConditions } from './connections-conditions.js';
import { classifyPath } from './paths.js';
import { serveStaticFile } from './static-files.js';

function sendText(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
    .end(body);
}

/** Plain HTTP requests: the `@connections` API, 426 on the WebSocket URL, static files, 404. */
export async function handleRequest(
  ctx: GatewayContext,
  staticDir: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  inspector?: Inspector,
): Promise<void> {
  const target = classifyPath(ctx.api.stage, req.url ?? '/');
  if (target.kind === 'connections') {
    const serve = () => serveConnectionsApi(ctx, req, res, target.encodedId);
    // --connections-latency-ms and --connections-rate-limit; nothing in the way when both are off.
    const conditions = ctx.connectionsConditions;
    return conditions?.active ? serveUnderConditions(conditions, req, res, serve) : serve();
  }
  if (target.kind === 'connections-off-stage') return refuseForeignStage(ctx, req, res);
  // API Gateway answers a plain GET on the WebSocket URL with 426 Upgrade Required.
  if (target.kind === 'stage') return sendText(res, 426, '{"message":"Upgrade Required"}');
  // The inspector can post to any connection: the dev (plain HTTP) listener only, never HTTPS.
  const secure = (req.socket as TLSSocket).encrypted === true;
  // Tokens for the signing secret, for this machine only (`switchboard token` asks here).
  if (!secure && serveTokenEndpoint(ctx.signingSecret, req, res)) return;
  if (inspector && !secure && (await inspector.handle(req, res))) return;
  if (staticDir && (await serveStaticFile(staticDir, req, res))) return;
  sendText(res, 404, '{"message":"Not Found"}');
}
