import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalDynamo, startDynalite } from '@switchboard/connection-store/testing';
import {
  type DynamoFaultProxy,
  fixturePath,
  mapLimit,
  openClients,
  type ReferenceStack,
  reportScenario,
  request,
  seedFromEnv,
  startDynamoFaultProxy,
  startReferenceStack,
  type TestClient,
  wrapFunctions,
} from '../src/index.js';

/** `RELIABILITY_BROADCAST_MEMBERS`: members of the big room. */
const MEMBERS = Number(process.env.RELIABILITY_BROADCAST_MEMBERS ?? 300);
const MESSAGES = 3;

// A big room's broadcast through the fan-out workflow (one fanOut task per shard) while one
// fanOut environment crashes after posting its slice and DynamoDB throttles and fails requests
// transiently: every member gets every message at least once; duplicates are counted, not lost.
describe('big broadcast: a fan-out worker crashes once, DynamoDB faults transiently', () => {
  const started = Date.now();
  const seed = seedFromEnv();
  const markerDir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
  let dynalite: LocalDynamo;
  let proxy: DynamoFaultProxy;
  let stack: ReferenceStack;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    process.stdout.write(`big broadcast: seed ${seed}, ${MEMBERS} members\n`);
    dynalite = await startDynalite();
    proxy = await startDynamoFaultProxy(dynalite.endpoint, seed);
    stack = await startReferenceStack({
      gateway: { dynamoEndpoint: proxy.endpoint },
      transform: (app) => {
        const crashing = wrapFunctions(app, fixturePath('crash-once', 'crash-once'), ['fanOut'], {
          CRASH_MARKER_DIR: markerDir,
        });
        const rooms = crashing.manifest.functions.rooms!;
        // Every room of 10 or more goes through the workflow.
        rooms.environment = { ...rooms.environment, FANOUT_THRESHOLD: '10' };
        return crashing;
      },
    });
  });

  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    await stack?.close();
    await proxy?.close();
    await dynalite?.close();
    rmSync(markerDir, { recursive: true, force: true });
  });

  it('delivers every message to every member at least once, and counts the duplicates', async () => {
    clients.push(...(await openClients(stack.address.webSocketUrl, MEMBERS)));
    await mapLimit(clients, 25, (client) => request(client, { action: 'join', room: 'big' }, 30_000));

    // Faults and the crash only once everyone is in: they are about the broadcast.
    const stopFaults = [
      proxy.inject({ fault: 'throttling', rate: 0.08, maxAttempt: 2 }),
      proxy.inject({ fault: 'internal', rate: 0.07, maxAttempt: 2 }),
    ];
    writeFileSync(join(markerDir, 'enabled'), '');
    const [sender, ...members] = clients;
    const ids: string[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const reply = await request(sender!, { action: 'send', room: 'big', text: `round ${i}` }, 30_000);
      ids.push(String(reply.json!.id));
    }

    // Wait for each member's copies (a bounded wait per member; a missing one fails the test).
    const deadline = Date.now() + 60_000;
    const copiesOf = (client: TestClient) =>
      client.framesOfType('message').filter((f) => f.json?.room === 'big' && f.json.requestId === undefined);
    const missing = () =>
      members.filter((m) => new Set(copiesOf(m).map((f) => f.json!.id)).size < MESSAGES).length;
    while (missing() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const stop of stopFaults) stop();

    const received = members.map((m) => copiesOf(m).map((f) => String(f.json!.id)));
    const lost = received.reduce((sum, got) => sum + ids.filter((id) => !got.includes(id)).length, 0);
    const duplicates = received.reduce((sum, got) => sum + got.length - new Set(got).size, 0);
    const crashed = existsSync(join(markerDir, 'crashed'))
      ? (JSON.parse(readFileSync(join(markerDir, 'crashed'), 'utf8')) as { shard: number })
      : undefined;
    const { stats } = proxy;
    const faults = Object.values(stats.faults).reduce((sum, n) => sum + n, 0);

    expect(crashed).toBeDefined();
    expect(faults).toBeGreaterThan(0);
    expect(lost).toBe(0);
    // The crashed slice ran again: its members got that message twice (at least once, as on AWS).
    expect(duplicates).toBeGreaterThan(0);
    reportScenario({
      scenario: 'big broadcast',
      tried: `${MESSAGES} sends to a room of ${MEMBERS} through the fanOut workflow (8 slices) while one fanOut environment exits after posting its slice, before returning (shard ${crashed?.shard}) and DynamoDB throttles and fails requests transiently (8% and 7% rates)`,
      sent: ids.length * members.length,
      delivered: ids.length * members.length - lost,
      lost,
      disconnects: 0,
      staleRows: 0,
      durationMs: Date.now() - started,
      notes: [
        `${duplicates} duplicate deliveries (the crashed slice posted again; @switchboard/client drops them by id)`,
        `${faults} DynamoDB faults in ${stats.requests} requests, ${stats.sdkRetries} SDK retries`,
        `seed ${seed}`,
      ].join('; '),
    });
  });
});
