import { type BareServer, startBareServer } from '../src/bare/bare-server.js';
import { UnreachableError } from '../src/errors.js';
import { runLoad } from '../src/run-load.js';
import { closedPortUrl, type ScriptedServer, startScriptedServer } from './servers.js';

describe('runLoad round trips', () => {
  let bare: BareServer;
  beforeAll(async () => {
    bare = await startBareServer();
  });
  afterAll(() => bare.close());

  it('sends messages x connections requests, matches every answer and loses none', async () => {
    const summary = await runLoad({ url: bare.url, connections: 5, messages: 40, window: 4 });

    expect(summary.connect).toMatchObject({ requested: 5, opened: 5, failed: 0 });
    expect(summary.roundTrip).toMatchObject({ sent: 200, received: 200, lost: 0, late: 0, errorFrames: 0 });
    expect(summary.roundTrip?.latencyMs.count).toBe(200);
    expect(summary.roundTrip?.perSecond).toBeGreaterThan(0);
    expect(summary.roundTrip?.stoppedBy).toBe('completed');
  });

  it('reports progress while it runs', async () => {
    const phases = new Set<string>();
    await runLoad(
      { url: bare.url, connections: 2, messages: 200 },
      { onProgress: (p) => phases.add(p.phase), progressIntervalMs: 5 },
    );

    expect(phases).toContain('round-trip');
  });
});

describe('runLoad faults', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('counts dropped requests as lost and still finishes', async () => {
    // Every 10th request goes unanswered.
    server = await startScriptedServer({
      onRequest: (socket, request, n) => {
        if (n % 10 !== 9) socket.send(JSON.stringify({ type: 'pong', requestId: request.requestId }));
      },
    });

    const summary = await runLoad({
      url: server.url,
      connections: 2,
      messages: 50,
      window: 5,
      timeoutMs: 100,
    });

    expect(summary.roundTrip).toMatchObject({ sent: 100, received: 90, lost: 10 });
  });

  it('stops at --duration and counts what was in flight as lost', async () => {
    server = await startScriptedServer({ onRequest: () => {} });
    const started = Date.now();

    const summary = await runLoad({
      url: server.url,
      connections: 3,
      messages: 1000,
      window: 4,
      durationSeconds: 0.3,
      timeoutMs: 60_000,
    });

    expect(summary.roundTrip).toMatchObject({ sent: 12, received: 0, lost: 12, stoppedBy: 'duration' });
    // 0.3 s run + 2 s drain + close, well under the 60 s request timeout.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('counts API Gateway error frames and shows one', async () => {
    const frame =
      '{"message": "Internal server error", "connectionId":"Qyi07eCbtjMCJKw=", "requestId":"Qyi3UG41tjMFlUg="}';
    server = await startScriptedServer({ onRequest: (socket) => socket.send(frame) });

    const summary = await runLoad({ url: server.url, connections: 1, messages: 3, timeoutMs: 50 });

    expect(summary.roundTrip).toMatchObject({ sent: 3, received: 0, lost: 3, errorFrames: 3 });
    expect(summary.roundTrip?.errorSamples[0]).toBe(frame);
  });

  it('counts requests answered by an error event as rejected', async () => {
    server = await startScriptedServer({
      onRequest: (socket, request, n) => {
        const type = n % 2 === 0 ? 'pong' : 'error';
        socket.send(JSON.stringify({ type, requestId: request.requestId, code: 'X', message: 'no' }));
      },
    });

    const summary = await runLoad({ url: server.url, connections: 1, messages: 10 });

    expect(summary.roundTrip).toMatchObject({ sent: 10, received: 5, rejected: 5, lost: 0, errorFrames: 5 });
    expect(summary.roundTrip?.latencyMs.count).toBe(5);
  });

  it('counts refused handshakes by reason', async () => {
    server = await startScriptedServer({
      onRequest: (socket, request) => socket.send(JSON.stringify({ requestId: request.requestId })),
      rejectConnection: (n) => (n % 2 === 1 ? 401 : undefined),
    });

    const summary = await runLoad({ url: server.url, connections: 6, messages: 1, connectConcurrency: 1 });

    expect(summary.connect).toMatchObject({ opened: 3, failed: 3 });
    expect(summary.connect.errors).toEqual({ 'Unexpected server response: 401': 3 });
  });

  it('throws UnreachableError when no connection opens', async () => {
    const url = await closedPortUrl();

    const run = runLoad({ url, connections: 2, messages: 1 });

    await expect(run).rejects.toThrow(UnreachableError);
    await expect(runLoad({ url, connections: 1 })).rejects.toThrow(
      /cannot open any connection to .*ECONNREFUSED/,
    );
  });
});
