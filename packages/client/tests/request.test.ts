import { WebSocket } from 'ws';
import {
  createClient,
  InvalidMessageError,
  QueueOverflowError,
  RequestTimeoutError,
  ServerError,
} from '../src/index.js';
import { connectedClient } from './support/client-helpers.js';

const t = connectedClient();

describe('request', () => {
  it('resolves with the reply that echoes its requestId', async () => {
    const reply = await t.client.request('join', { room: 'lobby' });

    expect(reply).toEqual({ type: 'joined', room: 'lobby', requestId: expect.any(String) });
    expect(t.server.received.map((r) => r.message)).toEqual([
      { action: 'join', room: 'lobby', requestId: reply.requestId },
    ]);
  });

  it('matches replies that arrive out of order to their own requests', async () => {
    // The server holds both replies, then sends them in reverse order.
    const held: string[] = [];
    t.server.respond = (message) => {
      held.push(message.requestId ?? '');
      return [];
    };
    const first = t.client.request('join', { room: 'first' });
    const second = t.client.request('join', { room: 'second' });
    await t.server.waitFor(() => held.length === 2, 'two requests');
    const [id1, id2] = held;
    t.server.push(JSON.stringify({ type: 'joined', room: 'second', requestId: id2 }));
    t.server.push(JSON.stringify({ type: 'joined', room: 'first', requestId: id1 }));

    await expect(first).resolves.toEqual({ type: 'joined', room: 'first', requestId: id1 });
    await expect(second).resolves.toEqual({ type: 'joined', room: 'second', requestId: id2 });
  });

  it('does not settle on a message of another type that carries the requestId', async () => {
    t.server.respond = (message) => [
      { type: 'jobProgress', jobId: 'j1', percent: 0, requestId: message.requestId },
      { type: 'jobAccepted', jobId: 'j1', requestId: message.requestId },
    ];
    await expect(t.client.request('submitJob', { input: { text: 'work' } })).resolves.toMatchObject({
      type: 'jobAccepted',
      jobId: 'j1',
    });
  });

  it('rejects with a ServerError carrying the code of an error reply', async () => {
    t.server.respond = (message) => [
      { type: 'error', code: 'not_in_room', message: 'Join first', requestId: message.requestId },
    ];
    const result = t.client.request('send', { room: 'lobby', text: 'hi' });

    await expect(result).rejects.toBeInstanceOf(ServerError);
    await expect(result).rejects.toMatchObject({ code: 'not_in_room', action: 'send', retryable: false });
  });

  it('rejects a payload the protocol refuses without sending it', async () => {
    const result = t.client.request('join', { room: 'not a room name' });

    await expect(result).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(result).rejects.toMatchObject({ code: 'invalid_payload', path: 'room' });
    expect(() => t.client.send({ action: 'send', room: 'lobby', text: '' })).toThrow(InvalidMessageError);
    await t.client.request('ping', {});
    expect(t.server.received.map((r) => r.message.action)).toEqual(['ping']);
  });
});

describe('request timeout', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('rejects with RequestTimeoutError exactly when timeoutMs has passed without a reply', async () => {
    t.server.respond = () => [];
    // Fake only the clock and timers; sockets keep working on real I/O.
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance'],
    });
    let settled = false;
    const result = t.client.request('ping', {}, { timeoutMs: 2000 });
    result
      .catch(() => {})
      .finally(() => {
        settled = true;
      });
    await t.server.waitFor(() => t.server.received.length === 1, 'the ping');

    jest.advanceTimersByTime(1999);
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);

    await expect(result).rejects.toBeInstanceOf(RequestTimeoutError);
    await expect(result).rejects.toMatchObject({
      code: 'timeout',
      action: 'ping',
      timeoutMs: 2000,
      retryable: true,
    });
  });
});

describe('queue overflow', () => {
  it('throws to the caller, and rejects requests, once the queue is full while disconnected', async () => {
    const offline = createClient({
      url: 'ws://127.0.0.1:9', // nothing listens: the client stays disconnected
      WebSocket,
      maxQueueLength: 2,
      reconnect: { initialDelayMs: 10_000 },
    });
    offline.send({ action: 'ping' });
    offline.send({ action: 'ping' });

    expect(() => offline.send({ action: 'ping' })).toThrow(QueueOverflowError);
    await expect(offline.request('ping', {})).rejects.toMatchObject({
      name: 'QueueOverflowError',
      code: 'queue_overflow',
      maxQueueLength: 2,
    });
    offline.close();
  });
});
