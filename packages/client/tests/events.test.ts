import { WebSocket } from 'ws';
import { createClient, SwitchboardClientError } from '../src/index.js';
import { connectedClient, nextEvent } from './support/client-helpers.js';

const t = connectedClient();

describe('on', () => {
  it('delivers server messages of the subscribed type only', async () => {
    const texts: string[] = [];
    const progress: number[] = [];
    t.client.on('message', (message) => texts.push(`${message.from}: ${message.text}`));
    t.client.on('jobProgress', (event) => progress.push(event.percent));

    t.server.push(JSON.stringify({ type: 'jobProgress', jobId: 'j', percent: 40 }));
    t.server.push(
      JSON.stringify({ type: 'message', room: 'r', from: 'ann', text: 'hi', id: 'm1', sentAt: 5 }),
    );
    await nextEvent(t.client, 'message');

    expect(texts).toEqual(['ann: hi']);
    expect(progress).toEqual([40]);
  });

  it('stops delivering after the returned function is called', async () => {
    const seen: string[] = [];
    const stop = t.client.on('pong', () => seen.push('pong'));
    await t.client.request('ping', {});
    stop();
    await t.client.request('ping', {});

    expect(seen).toEqual(['pong']);
  });

  it("reports API Gateway's own error frames as invalidFrame events", async () => {
    // Its requestId is API Gateway's, not one of ours, so no request is settled by it.
    const frame =
      '{"message": "Internal server error", "connectionId":"Qyi07eCbtjMCJKw=", "requestId":"Qyi3UG41"}';
    const event = nextEvent(t.client, 'invalidFrame');
    t.server.push(frame);

    await expect(event).resolves.toEqual({
      code: 'unknown_type',
      message: 'Missing "type"',
      path: 'type',
      requestId: 'Qyi3UG41',
      frame,
    });
  });

  it('tracks the rooms the server confirmed', async () => {
    await t.client.request('join', { room: 'lobby' });
    expect([...t.client.rooms]).toEqual(['lobby']);
    await t.client.request('leave', { room: 'lobby' });
    expect([...t.client.rooms]).toEqual([]);
  });
});

describe('createClient options', () => {
  it('refuses a URL that is not ws:// or wss://, naming the option', () => {
    expect(() => createClient({ url: 'http://example.com', WebSocket })).toThrow(
      new SwitchboardClientError(
        'invalid_payload',
        'Invalid option url: expected ws:// or wss://, got http://example.com',
      ),
    );
  });

  it('refuses a negative keep-alive interval', () => {
    expect(() => createClient({ url: t.server.url, WebSocket, keepAliveIntervalMs: -1 })).toThrow(
      /Invalid option keepAliveIntervalMs/,
    );
  });
});
