// A real `ws` server on 127.0.0.1, port 0, that speaks the protocol like a tiny Switchboard:
// it answers each action with its reply type, echoing the requestId (and any action it does not
// know, such as one added since, with `unknown_action`). Tests replace `respond`
// to stay silent or answer with errors, and drop sockets to cause reconnects.
import type { AddressInfo } from 'node:net';
import {
  type ClientMessage,
  createErrorMessage,
  encodeServerMessage,
  parseClientMessage,
  type ServerMessage,
} from '@switchboard/protocol';
import { type WebSocket, WebSocketServer } from 'ws';

export interface Received {
  connection: number;
  message: ClientMessage;
}

export type Responder = (message: ClientMessage) => ServerMessage[];

/** The reference behaviour: one reply per action, carrying the request's requestId. */
export const answerEveryAction: Responder = (message) => {
  const requestId = message.requestId === undefined ? {} : { requestId: message.requestId };
  switch (message.action) {
    case 'ping':
      return [{ type: 'pong', ...requestId }];
    case 'join':
      return [{ type: 'joined', room: message.room, ...requestId }];
    case 'leave':
      return [{ type: 'left', room: message.room, ...requestId }];
    case 'send':
      return [
        {
          type: 'message',
          room: message.room,
          from: 'u1',
          text: message.text,
          id: 'm1',
          sentAt: 1,
          ...requestId,
        },
      ];
    case 'submitJob':
      return [{ type: 'jobAccepted', jobId: 'job-1', ...requestId }];
    default: {
      // An action the client tests do not exercise: what an app without its route answers.
      const other = message as ClientMessage;
      return [createErrorMessage('unknown_action', `No route serves "${other.action}"`, other.requestId)];
    }
  }
};

export async function startTestServer() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const received: Received[] = [];
  const upgradeUrls: string[] = [];
  const sockets: WebSocket[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };

  const server = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    received,
    upgradeUrls,
    respond: answerEveryAction,
    /** Number of connections accepted so far. */
    get connectionCount() {
      return sockets.length;
    },
    /** Resolves once `predicate` holds, checked after every connection and message. */
    waitFor(predicate: () => boolean, what = 'condition'): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`test server: timed out waiting for ${what}`));
        }, 5000);
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    /** Sends raw text to the latest connection. */
    push(text: string): void {
      sockets.at(-1)?.send(text);
    },
    /** Drops every connection without a close frame, as a network failure would. */
    dropAll(): void {
      for (const socket of sockets) socket.terminate();
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  wss.on('connection', (socket, request) => {
    const connection = sockets.push(socket);
    upgradeUrls.push(request.url ?? '');
    socket.on('message', (data) => {
      const parsed = parseClientMessage(data.toString());
      if (!parsed.ok) {
        socket.send(encodeServerMessage(createErrorMessage(parsed.error.code, parsed.error.message)));
        return;
      }
      received.push({ connection, message: parsed.value });
      for (const reply of server.respond(parsed.value)) socket.send(encodeServerMessage(reply));
      notify();
    });
    notify();
  });
  return server;
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
