import {
  eventually,
  mapLimit,
  openClients,
  request,
  reportScenario,
  scenarioSizes,
  type TestClient,
} from '../src/index.js';
import { type ReferenceStack, startReferenceStack } from '../src/reference-gateway.js';

const ROOMS = 10;
const BURSTS = 5;
const roomOf = (index: number) => `room-${index % ROOMS}`;

describe('abrupt drops: half the clients vanish without a close frame, in bursts', () => {
  let stack: ReferenceStack;
  afterAll(async () => stack?.close());

  it('runs $disconnect (1006) for each, leaves exactly the live rows, and keeps broadcasting to every live member', async () => {
    const started = Date.now();
    const { dropClients: total } = scenarioSizes();
    stack = await startReferenceStack();
    const url = stack.address.webSocketUrl;

    // Prepare: every client joins its room.
    const clients = await openClients(url, total);
    await mapLimit(clients, 50, async (client, i) => {
      const reply = await request(client, { action: 'join', room: roomOf(i) });
      expect(reply.json?.type).toBe('joined');
    });
    const idOf = (i: number) => stack.connectionIdOf(`c${i}`)!;
    await eventually(() => clients.every((_, i) => idOf(i) !== undefined), 'every $connect recorded');

    // Act: drop every second client, in bursts, broadcasting to each room after each burst.
    const dropped = new Set<number>();
    const live = () => clients.map((c, i) => ({ c, i })).filter(({ i }) => !dropped.has(i));
    let sent = 0;
    let delivered = 0;
    const toDrop = clients.map((_, i) => i).filter((i) => i % 2 === 1);
    const burstSize = Math.ceil(toDrop.length / BURSTS);
    for (let burst = 0; burst < BURSTS; burst++) {
      for (const i of toDrop.slice(burst * burstSize, (burst + 1) * burstSize)) {
        clients[i]!.drop();
        dropped.add(i);
      }
      const result = await broadcastToEveryRoom(live(), `burst-${burst}`);
      sent += result.expected;
      delivered += result.delivered;
    }

    // Assert: one $disconnect with 1006 per dropped client, none for the others.
    const droppedIds = new Set([...dropped].map(idOf));
    await stack.recorder.waitFor(
      (records) => records.filter((r) => r.routeKey === '$disconnect').length >= dropped.size,
      30_000,
    );
    const disconnects = stack.recorder.records.filter((r) => r.routeKey === '$disconnect');
    expect(new Set(disconnects.map((r) => r.connectionId))).toEqual(droppedIds);
    expect(disconnects).toHaveLength(dropped.size);
    expect(disconnects.every((r) => r.disconnectStatusCode === 1006)).toBe(true);

    // The store holds exactly the live connections and their memberships.
    let counts = await stack.probe.counts();
    await eventually(async () => {
      counts = await stack.probe.counts();
      return counts.connections.size === total - dropped.size;
    }, 'store back to the live connections');
    const liveIds = new Set(live().map(({ i }) => idOf(i)));
    expect(counts.connections).toEqual(liveIds);
    for (let r = 0; r < ROOMS; r++) {
      const expected = new Set(
        live()
          .filter(({ i }) => i % ROOMS === r)
          .map(({ i }) => idOf(i)),
      );
      expect(counts.memberships.get(`room-${r}`) ?? new Set()).toEqual(expected);
    }
    expect(counts.membershipTwins).toEqual(new Set(live().map(({ i }) => `${idOf(i)}|${roomOf(i)}`)));
    const staleRows = counts.items - liveIds.size * 3;

    expect(delivered).toBe(sent);
    expect(staleRows).toBe(0);
    reportScenario({
      scenario: 'abrupt drops',
      tried: `${total} clients in ${ROOMS} rooms, ${dropped.size} dropped (no close frame) in ${BURSTS} bursts, a broadcast per room after each burst`,
      sent,
      delivered,
      lost: sent - delivered,
      disconnects: disconnects.length,
      staleRows,
      durationMs: Date.now() - started,
      notes: `every $disconnect 1006; ${liveIds.size} live connections and memberships left`,
    });
  });
});

/**
 * One live member of each room sends; resolves once every other live member got the message.
 * Returns expected and delivered copies (a copy that never comes fails the wait after 20 s).
 */
async function broadcastToEveryRoom(
  live: Array<{ c: TestClient; i: number }>,
  label: string,
): Promise<{ expected: number; delivered: number }> {
  let expected = 0;
  let delivered = 0;
  await Promise.all(
    Array.from({ length: ROOMS }, async (_, r) => {
      const members = live.filter(({ i }) => i % ROOMS === r);
      const [sender, ...others] = members;
      if (!sender) return;
      const text = `${label}-room-${r}`;
      const reply = await request(sender.c, { action: 'send', room: `room-${r}`, text });
      expect(reply.json?.type).toBe('message');
      expected += others.length;
      const results = await Promise.allSettled(
        others.map(({ c }) => c.waitFor((f) => f.json?.type === 'message' && f.json.text === text, 20_000)),
      );
      delivered += results.filter((result) => result.status === 'fulfilled').length;
    }),
  );
  return { expected, delivered };
}
