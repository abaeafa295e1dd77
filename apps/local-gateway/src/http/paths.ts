/** Where a request goes, by path. */
export type RequestTarget =
  | { kind: 'stage' }
  | { kind: 'connections'; encodedId: string }
  | { kind: 'connections-off-stage' }
  | { kind: 'other' };

// `/@connections/...` or `/{anything}/@connections/...`: group 1 is the stage, when there is one.
const connectionsPath = /^(?:\/([^/@%]+))?\/(?:@|%40)connections(?:\/(.*))?$/;

/**
 * Classifies a path: `/{stage}` (the WebSocket URL), `/{stage}/@connections/{id}` (the `@` may
 * be `%40`), a `@connections` path without the stage or on another stage, or anything else.
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
