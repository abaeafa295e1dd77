import { WebSocket } from 'ws';
import { type ClientEvents, createClient, type SwitchboardClient } from '../../src/index.js';
import { startTestServer, type TestServer } from './test-server.js';

/** The next event of `type` for which `predicate` holds. */
export function nextEvent<K extends keyof ClientEvents>(
  client: SwitchboardClient,
  type: K,
  predicate: (event: ClientEvents[K]) => boolean = () => true,
): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for a ${String(type)} event`)), 5000);
    const stop = client.on(type, (event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

/** Resolves when the client's state is `open`. */
export function opened(client: SwitchboardClient): Promise<unknown> {
  return client.state.status === 'open'
    ? Promise.resolve()
    : nextEvent(client, 'state', (state) => state.status === 'open');
}

/** What {@link connectedClient} sets up afresh for every test. */
export interface Connected {
  server: TestServer;
  client: SwitchboardClient;
}

/** A test server and a client opened on it before each test, both closed after it. */
export function connectedClient(): Connected {
  const connected = {} as Connected;
  beforeEach(async () => {
    connected.server = await startTestServer();
    connected.client = createClient({ url: connected.server.url, WebSocket, keepAliveIntervalMs: 0 });
    await opened(connected.client);
  });
  afterEach(async () => {
    connected.client.close();
    await connected.server.close();
  });
  return connected;
}
