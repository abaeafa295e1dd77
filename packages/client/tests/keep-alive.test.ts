import { WebSocket } from 'ws';
import { createClient, type SwitchboardClient } from '../src/index.js';
import { opened } from './support/client-helpers.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let client: SwitchboardClient | undefined;
const pings = () => server.received.filter((r) => r.message.action === 'ping').length;
// Settles real socket I/O while the timers stay frozen.
const flushIo = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(async () => {
  server = await startTestServer();
  // Fake only the clock and timers; sockets keep working on real I/O.
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance'] });
});

afterEach(async () => {
  jest.useRealTimers();
  client?.close();
  await server.close();
});

describe('keep-alive', () => {
  it('by default pings within 5 quiet minutes, well before API Gateway’s 10-minute idle timeout', async () => {
    client = createClient({ url: server.url, WebSocket });
    await opened(client);

    jest.advanceTimersByTime(5 * 60_000);

    await server.waitFor(() => pings() >= 1, 'a ping within 5 minutes of quiet');
    expect(server.received.map((r) => r.message)).toContainEqual({ action: 'ping' });
  });

  it('sends a ping data message after each quiet interval', async () => {
    client = createClient({ url: server.url, WebSocket, keepAliveIntervalMs: 60_000 });
    await opened(client);

    jest.advanceTimersByTime(59_999);
    await flushIo();
    expect(pings()).toBe(0);
    jest.advanceTimersByTime(1);
    await server.waitFor(() => pings() === 1, 'the first ping');
    jest.advanceTimersByTime(60_000);
    await server.waitFor(() => pings() === 2, 'the second ping');

    expect(server.received.map((r) => r.message)).toEqual([{ action: 'ping' }, { action: 'ping' }]);
  });

  it('counts any sent message as activity and postpones the ping', async () => {
    client = createClient({ url: server.url, WebSocket, keepAliveIntervalMs: 60_000 });
    await opened(client);

    jest.advanceTimersByTime(30_000);
    client.send({ action: 'join', room: 'lobby' });
    jest.advanceTimersByTime(59_999);
    await server.waitFor(() => server.received.length === 1, 'the join');
    await flushIo();
    expect(pings()).toBe(0);
    jest.advanceTimersByTime(1);

    await server.waitFor(() => pings() === 1, 'the postponed ping');
  });

  it('still pings on time when the wall clock is set back', async () => {
    client = createClient({ url: server.url, WebSocket, keepAliveIntervalMs: 60_000 });
    await opened(client);

    jest.setSystemTime(Date.now() - 60 * 60_000);
    jest.advanceTimersByTime(60_000);

    await server.waitFor(() => pings() === 1, 'the ping after the clock change');
  });

  it('sends nothing when turned off with 0', async () => {
    client = createClient({ url: server.url, WebSocket, keepAliveIntervalMs: 0 });
    await opened(client);

    jest.advanceTimersByTime(60 * 60_000);
    await flushIo();

    expect(pings()).toBe(0);
  });
});
