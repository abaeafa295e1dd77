import { WebSocket } from 'ws';
import {
  ClientClosedError,
  type ClientOptions,
  ConnectionLostError,
  type ConnectionState,
  createClient,
} from '../src/index.js';
import { nextEvent, opened } from './support/client-helpers.js';
import { answerEveryAction, startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.close();
});

const fastReconnect = { initialDelayMs: 20, maxDelayMs: 100 };
// A client that reconnects within 100 ms and sends no keep-alive pings of its own.
const connectFast = (options: Partial<ClientOptions> = {}) =>
  createClient({ url: server.url, WebSocket, reconnect: fastReconnect, keepAliveIntervalMs: 0, ...options });

describe('reconnect', () => {
  it('reconnects after the server drops the socket and re-joins the rooms it had joined', async () => {
    const client = connectFast();
    await client.request('join', { room: 'lobby' });
    await client.request('join', { room: 'ops' });
    await client.request('leave', { room: 'ops' });
    const states: ConnectionState[] = [];
    client.on('state', (state) => states.push(state));

    server.dropAll();
    await server.waitFor(
      () => server.received.some((r) => r.connection === 2),
      'a message on the second connection',
    );

    expect(server.received.filter((r) => r.connection === 2).map((r) => r.message)).toEqual([
      { action: 'join', room: 'lobby' },
    ]);
    expect(states.map((s) => s.status)).toEqual(['reconnecting', 'connecting', 'open']);
    const reconnecting = states[0];
    if (reconnecting?.status !== 'reconnecting') throw new Error('expected reconnecting first');
    expect(reconnecting.attempt).toBe(1);
    expect(reconnecting.closeCode).toBe(1006);
    expect(reconnecting.delayMs).toBeLessThanOrEqual(fastReconnect.initialDelayMs);
    expect(reconnecting.nextRetryAt).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(reconnecting.nextRetryAt).toBeLessThanOrEqual(Date.now() + fastReconnect.maxDelayMs);
    expect([...client.rooms]).toEqual(['lobby']);
    client.close();
  });

  it('rejects a request already sent when the connection drops, and sends queued ones after reconnecting', async () => {
    const client = connectFast();
    await opened(client);
    server.respond = () => [];
    const inFlight = client.request('ping', {});
    await server.waitFor(() => server.received.length === 1, 'the in-flight ping');
    const reconnecting = nextEvent(client, 'state', (s) => s.status === 'reconnecting');

    server.dropAll();
    await reconnecting;
    await expect(inFlight).rejects.toBeInstanceOf(ConnectionLostError);
    server.respond = (m) => (m.action === 'send' ? answerEveryAction(m) : []);
    client.send({ action: 'send', room: 'lobby', text: 'one' });
    const queuedRequest = client.request('send', { room: 'lobby', text: 'two' });

    await expect(queuedRequest).resolves.toMatchObject({ type: 'message', text: 'two' });
    const second = server.received.filter((r) => r.connection === 2).map((r) => r.message);
    expect(second).toEqual([
      { action: 'send', room: 'lobby', text: 'one' },
      { action: 'send', room: 'lobby', text: 'two', requestId: expect.any(String) },
    ]);
    client.close();
  });

  it('passes the token as a query parameter on every connect', async () => {
    let calls = 0;
    const client = connectFast({ url: `${server.url}/?stage=dev`, token: async () => `t${++calls}` });
    await opened(client);
    server.dropAll();
    await server.waitFor(() => server.connectionCount === 2, 'the reconnect');

    expect(server.upgradeUrls).toEqual(['/?stage=dev&token=t1', '/?stage=dev&token=t2']);
    client.close();
  });

  it('gives up after maxAttempts failed attempts in a row', async () => {
    await server.close();
    const client = createClient({
      url: server.url,
      WebSocket,
      reconnect: { ...fastReconnect, maxAttempts: 2 },
    });

    const closed = await nextEvent(client, 'state', (s) => s.status === 'closed');

    expect(closed).toEqual({ status: 'closed', reason: 'gave-up' });
    expect(() => client.send({ action: 'ping' })).toThrow(ClientClosedError);
    server = await startTestServer(); // for afterEach
  });

  it('stops for good on close(): no reconnect, pending requests rejected', async () => {
    const client = connectFast();
    await opened(client);
    server.respond = () => [];
    const pending = client.request('ping', {});

    client.close();

    await expect(pending).rejects.toBeInstanceOf(ClientClosedError);
    expect(client.state).toEqual({ status: 'closed', reason: 'closed-by-client' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.connectionCount).toBe(1);
  });
});
