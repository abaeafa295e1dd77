import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GatewayContext } from '../context.js';
import { refuseUpgrade } from '../ws/refuse.js';
import { refuseForeignStage, serveConnectionsApi } from './connections-api.js';
import { serveStaticFile } from './static-files.js';

/** Where a request goes, by path. */
export type RequestTarget =
  | { kind: 'stage' }
  | { kind: 'connections'; encodedId: string }
  | { kind: 'connections-off-stage' }
  | { kind: 'other' };

// `/@connections/...` or `/{anything}/@connections/...`: group 1 is the stage, when there is one.
const connectionsPath = /^(?:\/([^/@%]+))?\/(?:@|%40)connections(?:\/(.*))?$/;

/**
 * Classifies a path: `/{stage}`, `/{stage}/@connections/{id}` (the `@` may be `%40`), a
 * `@connections` path without the stage or on another stage, or else.
 */
export function classifyPath(stage: string, rawUrl: string): RequestTarget {
  const path = rawUrl.split('?')[0] ?? '/';
  if (path === `/${stage}` || path === `/${stage}/`) return { kind: 'stage' };
  const m = connectionsPath.exec(path);
  if (!m) return { kind: 'other' };
  if (m[1] !== stage) return { kind: 'connections-off-stage' };
  const encodedId = m[2];
  return encodedId && !encodedId.includes('/') ? { kind: 'connections', encodedId } : { kind: 'other' };
}

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
): Promise<void> {
  const target = classifyPath(ctx.api.stage, req.url ?? '/');
  if (target.kind === 'connections') return serveConnectionsApi(ctx, req, res, target.encodedId);
  if (target.kind === 'connections-off-stage') return refuseForeignStage(ctx, req, res);
  // API Gateway answers a plain GET on the WebSocket URL with 426 Upgrade Required.
  if (target.kind === 'stage') return sendText(res, 426, '{"message":"Upgrade Required"}');
  if (staticDir && (await serveStaticFile(staticDir, req, res))) return;
  sendText(res, 404, '{"message":"Not Found"}');
}

/** Upgrade requests anywhere but `/{stage}` are refused, as a wrong stage is on AWS (403). */
export function isStageUpgrade(ctx: GatewayContext, req: IncomingMessage, socket: Duplex): boolean {
  if (classifyPath(ctx.api.stage, req.url ?? '/').kind === 'stage') return true;
  refuseUpgrade(socket, 403);
  return false;
}
