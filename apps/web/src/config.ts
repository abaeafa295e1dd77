/**
 * Where the page connects. In order: the `?ws=` query parameter (run time), the URL baked in by
 * `SWITCHBOARD_WS_URL` at build time, else the page's own host with the default stage: the local
 * gateway serves this page at `/` and the WebSocket API at `/<stage>` on the same port.
 */

/** The local gateway's default stage (`switchboard dev --stage`). */
export const DEFAULT_STAGE = 'dev';

/** Where the WebSocket URL came from, shown on the page. */
export type WebSocketUrlSource = 'query' | 'build' | 'page';

/** The connection settings of the page. */
export interface PageConfig {
  webSocketUrl: string;
  source: WebSocketUrlSource;
  /** `?token=`: passed to the server as `token` (the reference authorizer's identity source). */
  token?: string;
}

/** The parts of `window.location` the config reads. */
export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

/** A `?ws=` or build-time URL that is not a `ws://` or `wss://` URL. */
export class WebSocketUrlError extends Error {
  override readonly name = 'WebSocketUrlError';
  constructor(
    readonly source: WebSocketUrlSource,
    readonly value: string,
  ) {
    const where = source === 'query' ? 'The ?ws= parameter' : 'SWITCHBOARD_WS_URL';
    super(`${where} must be a ws:// or wss:// URL, got "${value}"`);
  }
}

/**
 * Resolves the page's connection settings.
 * @throws WebSocketUrlError when `?ws=` or the build-time URL is not a WebSocket URL
 * @example
 * resolvePageConfig({ protocol: 'https:', host: 'example.com', search: '' }, '')
 * // { webSocketUrl: 'wss://example.com/dev', source: 'page' }
 */
export function resolvePageConfig(location: PageLocation, buildTimeUrl: string): PageConfig {
  const params = new URLSearchParams(location.search);
  const fromQuery = params.get('ws');
  let config: PageConfig;
  if (fromQuery) config = { webSocketUrl: checked(fromQuery, 'query'), source: 'query' };
  else if (buildTimeUrl) config = { webSocketUrl: checked(buildTimeUrl, 'build'), source: 'build' };
  else {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    config = { webSocketUrl: `${scheme}//${location.host}/${DEFAULT_STAGE}`, source: 'page' };
  }
  const token = params.get('token');
  if (token) config.token = token;
  return config;
}

function checked(value: string, source: WebSocketUrlSource): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WebSocketUrlError(source, value);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new WebSocketUrlError(source, value);
  return value;
}
