/**
 * A real HTTP server standing in for API Gateway's connection URL
 * (`POST /{stage}/@connections/{id}`): records every post, answers 410 with
 * `x-amzn-ErrorType: GoneException` for ids marked gone (as API Gateway does, and as SDK v3
 * needs to name the error), and 429 LimitExceededException for ids marked busy.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Post {
  connectionId: string;
  /** The posted body, parsed as JSON. */
  message: Record<string, unknown>;
}

export interface ConnectionUrl {
  /** `http://127.0.0.1:{port}/{stage}`: what CONNECTIONS_ENDPOINT holds. */
  endpoint: string;
  posts: Post[];
  gone: Set<string>;
  busy: Set<string>;
  /** Highest number of posts in flight at once. */
  maxInFlight: number;
  /** Delay before answering each post. */
  delayMs: number;
  /** Posts to one connection, parsed. */
  postsTo(connectionId: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startConnectionUrl(stage = 'test'): Promise<ConnectionUrl> {
  let inFlight = 0;
  const state: ConnectionUrl = {
    endpoint: '',
    posts: [],
    gone: new Set(),
    busy: new Set(),
    maxInFlight: 0,
    delayMs: 0,
    postsTo: (id) => state.posts.filter((p) => p.connectionId === id).map((p) => p.message),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const match = new RegExp(`^/${stage}/@connections/([^/?]+)$`).exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!match || req.method !== 'POST') return answer(res, 403, 'ForbiddenException');
    const connectionId = decodeURIComponent(match[1]!);
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    inFlight -= 1;
    if (state.gone.has(connectionId)) return answer(res, 410, 'GoneException');
    if (state.busy.has(connectionId)) return answer(res, 429, 'LimitExceededException');
    state.posts.push({ connectionId, message: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    res.writeHead(200).end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${stage}`;
  return state;
}

function answer(res: ServerResponse, status: number, errorType: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-ErrorType': errorType });
  res.end(JSON.stringify({ message: errorType }));
}
