/**
 * `GET /@switchboard/token?user=<id>` on the dev (plain-HTTP) listener: a token for the running
 * gateway's signing secret, which `switchboard token` asks for when the secret is made per run
 * and no other process can know it. Only for this machine: the caller must be on a loopback
 * address, and so must the `Host` it named (a page on a name that resolves to 127.0.0.1, DNS
 * rebinding, would otherwise read tokens from the user's own browser).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayConfigError } from '../errors.js';
import { isLoopbackHost } from '../inspect/loopback.js';
import { signLocalToken } from './local-token.js';

/** Where the endpoint is; a stage cannot start with `@`, so it never meets one. */
export const TOKEN_PATH = '/@switchboard/token';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    })
    .end(text);
}

/** The host name of a `Host` header (`127.0.0.1:3001`, `[::1]:3001`, `localhost`). */
function hostNameOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

/** Answers the token endpoint, or returns false for any other path. */
export function serveTokenEndpoint(
  signingSecret: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (url.pathname !== TOKEN_PATH) return false;
  const remote = req.socket.remoteAddress ?? '';
  const hostName = hostNameOf(req.headers.host);
  if (!isLoopbackHost(remote) || !hostName || !isLoopbackHost(hostName)) {
    sendJson(res, 403, { message: 'Tokens are handed out to this machine only (a loopback address)' });
    return true;
  }
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    sendJson(res, 405, { message: 'Use GET' });
    return true;
  }
  const userId = url.searchParams.get('user');
  if (!userId) {
    sendJson(res, 400, { message: 'Name the user: ?user=<id>' });
    return true;
  }
  const expiresParam = url.searchParams.get('expiresInSeconds');
  const expiresInSeconds = expiresParam === null ? undefined : Number(expiresParam);
  try {
    const token = signLocalToken(signingSecret, { userId, expiresInSeconds });
    sendJson(res, 200, { token, userId });
  } catch (error) {
    if (!(error instanceof GatewayConfigError)) throw error;
    sendJson(res, 400, { message: error.message });
  }
  return true;
}
