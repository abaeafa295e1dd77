import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** A running bare server. */
export interface BareServer {
  /** `ws://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export interface BareServerOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/**
 * The ceiling: a plain `ws` server with no emulation, speaking just enough of the protocol for
 * the load generator. `join` adds the connection to a room and answers `joined`; `send`
 * broadcasts `message` to every member of the room (the sender included); any other action is
 * answered with `pong`. Every answer carries the request's `requestId`.
 * @example
 * const server = await startBareServer();
 * await runLoad({ url: server.url });
 * await server.close();
 */
export async function startBareServer(options: BareServerOptions = {}): Promise<BareServer> {
  const wss = new WebSocketServer({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const rooms = new Map<string, Set<WebSocket>>();

  wss.on('connection', (socket) => {
    const joined = new Set<string>();
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(data.toString());
      } catch {
        return;
      }
      const requestId = typeof request.requestId === 'string' ? request.requestId : undefined;
      const room = typeof request.room === 'string' ? request.room : '';
      if (request.action === 'join') {
        const members = rooms.get(room) ?? new Set<WebSocket>();
        rooms.set(room, members);
        members.add(socket);
        joined.add(room);
        socket.send(JSON.stringify({ type: 'joined', room, requestId }));
      } else if (request.action === 'send') {
        // Serialise once, as a fan-out server would.
        const frame = JSON.stringify({ type: 'message', room, text: request.text, requestId });
        for (const member of rooms.get(room) ?? []) {
          if (member.readyState === WebSocket.OPEN) member.send(frame);
        }
      } else {
        socket.send(JSON.stringify({ type: 'pong', requestId }));
      }
    });
    socket.on('close', () => {
      for (const room of joined) rooms.get(room)?.delete(socket);
    });
  });

  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
