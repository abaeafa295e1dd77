import {
  eventually,
  mapLimit,
  openClients,
  openRawClient,
  type RawClient,
  request,
  reportScenario,
  type ReferenceStack,
  startReferenceStack,
} from '../src/index.js';

// Shortened for the test; the gateway's default is 30 s (a silent peer is cut within 60 s).
const HEARTBEAT_MS = 500;
const SILENT = 20;
const HEALTHY = 10;
const ROOM = 'half-open';

describe('half-open sockets: peers that go silent without a FIN', () => {
  let stack: ReferenceStack;
  afterAll(async () => stack?.close());

  it('are found by the heartbeat within two intervals and get $disconnect (1006); answering clients stay', async () => {
    const started = Date.now();
    stack = await startReferenceStack({ gateway: { heartbeatIntervalMs: HEARTBEAT_MS } });
    const url = stack.address.webSocketUrl;

    // Prepare: silent-to-be raw clients and healthy ws clients (which answer pings) join one room.
    const silent: RawClient[] = await mapLimit(
      Array.from({ length: SILENT }, (_, i) => i),
      10,
      async (i) => {
        const raw = await openRawClient(url, { tag: `s${i}` });
        // A raw client does not answer pings by itself: answer them until it goes silent.
        raw.socket.on('data', () => {
          for (const frame of raw.frames.splice(0))
            if (frame.opcode === 0x9) raw.sendFrame(0xa, frame.payload);
        });
        raw.sendText(JSON.stringify({ action: 'join', room: ROOM, requestId: `s${i}` }));
        await raw.waitForText((text) => text.includes('"joined"'));
        return raw;
      },
    );
    const healthy = await openClients(url, HEALTHY);
    for (const client of healthy)
      expect((await request(client, { action: 'join', room: ROOM })).json?.type).toBe('joined');
    // Several heartbeats pass: nobody who answers is cut.
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 3));
    expect(stack.recorder.records.filter((r) => r.routeKey === '$disconnect')).toHaveLength(0);

    // Act: the raw clients stop reading and answering, and keep their TCP connection (no FIN).
    const silencedAt = Date.now();
    for (const raw of silent) {
      raw.socket.removeAllListeners('data');
      raw.pauseReading();
    }

    // Assert: each gets $disconnect with 1006 within two intervals (plus scheduling slack).
    const silentIds = new Set(Array.from({ length: SILENT }, (_, i) => stack.connectionIdOf(`s${i}`)));
    await stack.recorder.waitFor(
      (records) => records.filter((r) => r.routeKey === '$disconnect').length >= SILENT,
      HEARTBEAT_MS * 2 + 10_000,
    );
    const detectedMs = Date.now() - silencedAt;
    const disconnects = stack.recorder.records.filter((r) => r.routeKey === '$disconnect');
    expect(new Set(disconnects.map((r) => r.connectionId))).toEqual(silentIds);
    expect(disconnects.every((r) => r.disconnectStatusCode === 1006)).toBe(true);
    expect(healthy.every((client) => client.ws.readyState === client.ws.OPEN)).toBe(true);

    // The store holds the healthy clients only, and a broadcast reaches each of them.
    const healthyIds = new Set(healthy.map((_, i) => stack.connectionIdOf(`c${i}`)));
    let staleRows = -1;
    await eventually(async () => {
      const counts = await stack.probe.counts();
      staleRows = counts.items - healthyIds.size * 3;
      return counts.connections.size === HEALTHY && staleRows === 0;
    }, 'store back to the healthy clients');
    expect((await stack.probe.counts()).connections).toEqual(healthyIds);
    const [sender, ...others] = healthy;
    await request(sender!, { action: 'send', room: ROOM, text: 'after the half-open peers' });
    const delivered = await Promise.allSettled(
      others.map((c) => c.waitFor((f) => f.json?.text === 'after the half-open peers')),
    );
    const deliveredCount = delivered.filter((r) => r.status === 'fulfilled').length;
    expect(deliveredCount).toBe(others.length);

    reportScenario({
      scenario: 'half-open sockets',
      tried: `${SILENT} raw TCP peers go silent (no pong, paused reads, no FIN) beside ${HEALTHY} ws clients; heartbeatIntervalMs ${HEARTBEAT_MS}`,
      sent: others.length,
      delivered: deliveredCount,
      lost: others.length - deliveredCount,
      disconnects: disconnects.length,
      staleRows,
      durationMs: Date.now() - started,
      notes: `all ${SILENT} found ${detectedMs} ms after going silent (bound ${2 * HEARTBEAT_MS} ms + scheduling); 0 healthy cut`,
    });
    for (const raw of silent) raw.destroy();
  });
});
