// Scripted `ws` servers on 127.0.0.1 port 0 for faults the bare server never makes.
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface ScriptedServer {
  url: string;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** Called with each parsed request; send nothing to drop it. */
  onRequest: (socket: WebSocket, request: Record<string, unknown>, count: number) => void;
  /** Reject the upgrade of the n-th connection (0-based) with this status. */
  rejectConnection?: (n: number) => number | undefined;
}

export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  let connections = 0;
  let requests = 0;
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    verifyClient: (_info, done) => {
      const status = options.rejectConnection?.(connections++);
      if (status) done(false, status);
      else done(true);
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      options.onRequest(socket, JSON.parse(data.toString()), requests++);
    });
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** A `ws://` URL on which nothing listens. */
export async function closedPortUrl(): Promise<string> {
  const server = await startScriptedServer({ onRequest: () => {} });
  await server.close();
  return server.url;
}
