import { openTestClient } from '../../src/testing/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { eventually, inspectorApi } from './inspector-api.js';

interface Snapshot {
  connections: Array<{ connectionId: string; framesIn: number; framesOut: number }>;
  frames: Array<{ connectionId: string; direction: string; text: string }>;
  invocations: Array<{ id: string; route: string; connectionId?: string; status: string }>;
}

describe('the inspector: what it shows and what it does', () => {
  let gw: TestGateway;
  let calls: unknown[];
  beforeAll(async () => {
    calls = [];
    gw = await startTestGateway(
      { functions: { app: { routes: ['$connect', '$disconnect', 'echo'], routeResponse: true } } },
      {
        app: (event) => {
          calls.push(event);
          return { statusCode: 200, body: event.body ?? '' };
        },
      },
    );
    // Frames and invocations are kept from the inspector's first look on.
    await inspectorApi(gw.address).get('state');
  });
  afterAll(() => gw.close());

  it('shows connections with their frames and invocations', async () => {
    const client = await openTestClient(gw.address.webSocketUrl);
    client.send({ action: 'echo', n: 1 });
    await client.waitFor((f) => f.json?.n === 1);
    const state = await inspectorApi(gw.address).get<Snapshot>('state');
    const id = state.connections[0]!.connectionId;
    expect(state.connections).toEqual([
      expect.objectContaining({ connectionId: id, framesIn: 1, framesOut: 1 }),
    ]);
    expect(state.frames.filter((f) => f.connectionId === id).map((f) => [f.direction, f.text])).toEqual([
      ['in', '{"action":"echo","n":1}'],
      ['out', '{"action":"echo","n":1}'],
    ]);
    expect(state.invocations.map((i) => i.route)).toEqual(['echo', '$connect']);
    client.ws.close();
  });

  it('posts a text to a connection, as PostToConnection does', async () => {
    const client = await openTestClient(gw.address.webSocketUrl);
    const { connections } = await inspectorApi(gw.address).get<Snapshot>('state');
    const id = connections.at(-1)!.connectionId;
    const response = await inspectorApi(gw.address).act(
      'POST',
      `connections/${encodeURIComponent(id)}/messages`,
      'hello from the inspector',
    );
    expect(response.status).toBe(200);
    await client.waitFor((f) => f.text === 'hello from the inspector');
    client.ws.close();
  });

  it('disconnects a connection as DeleteConnection does: the client gets 1000 and $disconnect runs', async () => {
    const client = await openTestClient(gw.address.webSocketUrl);
    const api = inspectorApi(gw.address);
    await eventually(async () => expect((await api.get<Snapshot>('state')).connections).toHaveLength(1));
    const id = (await api.get<Snapshot>('state')).connections[0]!.connectionId;
    expect((await api.act('DELETE', `connections/${encodeURIComponent(id)}`)).status).toBe(204);
    expect(await client.closed).toEqual({ code: 1000, reason: 'Connection Closed Normally' });
    await eventually(async () => {
      const state = await api.get<Snapshot>('state');
      expect(state.connections.find((c) => c.connectionId === id)).toBeUndefined();
      expect(state.invocations.find((i) => i.route === '$disconnect' && i.connectionId === id)).toBeDefined();
    });
    // A connection that is gone answers as the management API does.
    expect((await api.act('DELETE', `connections/${encodeURIComponent(id)}`)).status).toBe(410);
  });

  it('replays an invocation with the same event', async () => {
    const api = inspectorApi(gw.address);
    const { invocations } = await api.get<Snapshot>('state');
    const echo = invocations.find((i) => i.route === 'echo')!;
    const detail = await api.get<{ event: { body: string } }>(`invocations/${encodeURIComponent(echo.id)}`);
    expect(detail.event.body).toBe('{"action":"echo","n":1}');
    const before = calls.length;
    const response = await api.act('POST', `invocations/${encodeURIComponent(echo.id)}/replay`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      invocation: { route: '(replay)', status: 'ok' },
    });
    expect(calls.slice(before)).toEqual([detail.event]);
  });

  it('shows the running settings: stage, limits, chaos, latency', async () => {
    const { settings } = await inspectorApi(gw.address).get<{ settings: Record<string, unknown> }>('state');
    expect(settings).toMatchObject({
      stage: 'dev',
      region: 'us-east-1',
      chaosMaxDelayMs: 0,
      connectionsLatencyMs: 0,
      connectionsRateLimit: 0,
      limits: { maxFrameBytes: 32768, maxMessageBytes: 131072, idleTimeoutMs: 600000 },
      functions: ['app'],
    });
  });

  it('refuses an action without its header, so another origin cannot trigger one', async () => {
    const response = await inspectorApi(gw.address).act('POST', 'connections/x/messages', 'hi', false);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      message: 'Inspector actions need the x-switchboard-inspector header',
    });
  });

  it('streams snapshots as server-sent events', async () => {
    const response = await fetch(`http://${gw.address.host}:${gw.address.port}/@inspector/api/events`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toMatch(/^event: snapshot\ndata: \{"now":/);
    await reader.cancel();
  });
});
