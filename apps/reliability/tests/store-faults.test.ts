import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectionStore } from '@switchboard/connection-store';
import { type LocalDynamo, startDynalite } from '@switchboard/connection-store/testing';
import {
  createManagementClient,
  createStoreProbe,
  type DynamoFaultProxy,
  eventually,
  fixturePath,
  mapLimit,
  openClient,
  postOnce,
  type ReferenceStack,
  reportScenario,
  request,
  seedFromEnv,
  startDynamoFaultProxy,
  startReferenceStack,
  type StoreProbe,
  type TestClient,
  watchJobStatuses,
  wrapFunctions,
} from '../src/index.js';

const CLIENTS = 20;
const ROOMS = 2;
const JOBS = 4;
const TTL_ROOM = 'ttl';
// The store's TTL of a connection: API Gateway's 2 hours plus the store's default 15 min slack.
const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 15 * 60;
const TASKS = ['doWork', 'getConnections', 'notify'] as const;

/** Counts shared by the three parts, for the one report row. */
const totals = { sent: 0, delivered: 0, disconnects: 0, staleRows: 0, notes: [] as string[] };
const passed = new Set<string>();

describe('store faults: DynamoDB throttling and errors, a failed $disconnect, a job step run twice', () => {
  const started = Date.now();
  const seed = seedFromEnv();
  const markerDir = mkdtempSync(join(tmpdir(), 'switchboard-repeat-'));
  let dynalite: LocalDynamo;
  let proxy: DynamoFaultProxy;
  let stack: ReferenceStack;
  // Reads the table directly, past the proxy (dynalite's own client): the test's view must not be faulted.
  let probe: StoreProbe;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    process.stdout.write(`store faults: seed ${seed} (RELIABILITY_SEED replays the fault draws)\n`);
    dynalite = await startDynalite();
    proxy = await startDynamoFaultProxy(dynalite.endpoint, seed);
    stack = await startReferenceStack({
      gateway: { dynamoEndpoint: proxy.endpoint },
      // Each workflow task runs twice per job once REPEAT_MARKER_DIR/enabled exists (part 3).
      transform: (app, recorderUrl) =>
        wrapFunctions(app, fixturePath('repeat', 'repeated'), TASKS, {
          RECORDER_URL: recorderUrl,
          REPEAT_MARKER_DIR: markerDir,
        }),
    });
    probe = createStoreProbe({
      ...stack.address.functionEnvironment,
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    });
  });

  afterAll(async () => {
    if (passed.size === 3) {
      const { stats } = proxy;
      const faults = Object.values(stats.faults).reduce((sum, n) => sum + n, 0);
      reportScenario({
        scenario: 'store faults',
        tried: `${CLIENTS} clients in ${ROOMS} rooms joining, sending and submitting ${JOBS} jobs while ~30% of DynamoDB requests fail transiently; a $disconnect whose store calls all fail; each job step run twice`,
        sent: totals.sent,
        delivered: totals.delivered,
        lost: totals.sent - totals.delivered,
        disconnects: totals.disconnects,
        staleRows: totals.staleRows,
        durationMs: Date.now() - started,
        notes: [
          `${faults} faults injected (${Object.entries(stats.faults)
            .map(([kind, n]) => `${n} ${kind}`)
            .join(
              ', ',
            )}) in ${stats.requests} requests; ${stats.sdkRetries} SDK retries (delay p50 ${median(stats.retryDelaysMs)} ms, max ${Math.max(0, ...stats.retryDelaysMs)} ms); ${stats.unprocessedItemsReturned} resends of UnprocessedItems by the store`,
          ...totals.notes,
          `seed ${seed}`,
        ].join('; '),
      });
    }
    for (const client of clients) client.ws.terminate();
    probe?.close();
    await stack?.close();
    await proxy?.close();
    await dynalite?.close();
    rmSync(markerDir, { recursive: true, force: true });
  });

  it('retries throttling and transient errors with backoff: every connect, join, message and job arrives', async () => {
    const stopFaults = [
      proxy.inject({ fault: 'throttling', rate: 0.08, maxAttempt: 2 }),
      proxy.inject({ fault: 'provisioned-throughput', rate: 0.04, maxAttempt: 2 }),
      proxy.inject({ fault: 'internal', rate: 0.08, maxAttempt: 2 }),
      proxy.inject({ fault: 'applied-internal', rate: 0.08, maxAttempt: 2 }),
      proxy.inject({ fault: 'unprocessed', rate: 0.3 }),
    ];
    const url = stack.address.webSocketUrl;
    let sent = 0;
    let delivered = 0;

    // Connect and join under faults: a refused handshake or a missing `joined` is a loss.
    const opened = await Promise.allSettled(
      Array.from({ length: CLIENTS }, (_, i) => openClient(url, { tag: `c${i}` })),
    );
    const refused = opened.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    expect(refused).toEqual([]);
    const live = opened.map((r) => (r as PromiseFulfilledResult<TestClient>).value);
    clients.push(...live);
    const roomOf = (i: number) => `room-${i % ROOMS}`;
    await mapLimit(live, CLIENTS, async (client, i) => {
      sent++;
      const reply = await request(client, { action: 'join', room: roomOf(i) });
      expect(reply.json).toMatchObject({ type: 'joined', room: roomOf(i) });
      delivered++;
    });

    // Every client sends once; every other member of its room must get the message.
    await mapLimit(live, 10, async (client, i) => {
      const text = `faulted-${i}`;
      const others = live.filter((_, j) => j !== i && j % ROOMS === i % ROOMS);
      sent += 1 + others.length;
      const reply = await request(client, { action: 'send', room: roomOf(i), text });
      expect(reply.json).toMatchObject({ type: 'message', text });
      delivered++;
      const copies = await Promise.allSettled(
        others.map((other) =>
          other.waitFor((f) => f.json?.type === 'message' && f.json.text === text, 20_000),
        ),
      );
      delivered += copies.filter((copy) => copy.status === 'fulfilled').length;
    });

    // Jobs: accepted, then exactly one jobCompleted each.
    await mapLimit(live.slice(0, JOBS), JOBS, async (client) => {
      sent++;
      const accepted = await request(client, {
        action: 'submitJob',
        input: { text: 'under faults', durationMs: 40 },
      });
      expect(accepted.json).toMatchObject({ type: 'jobAccepted' });
      const jobId = accepted.json?.jobId;
      await client.waitFor((f) => f.json?.type === 'jobCompleted' && f.json.jobId === jobId, 30_000);
      delivered++;
    });

    // Half the clients leave: their $disconnects remove them under faults too.
    const leaving = live.filter((_, i) => i % 2 === 1);
    for (const client of leaving) client.ws.close(1000);
    const idOf = (client: TestClient) => stack.connectionIdOf(`c${live.indexOf(client)}`);
    // Done when the gateway logged each $disconnect's end (a removal may still be retrying
    // unprocessed items after the connection's own record is gone).
    const endOf = (id: string | undefined) => stack.log.find((line) => line.startsWith(`$disconnect ${id} `));
    await eventually(() => leaving.every((client) => endOf(idOf(client))), 'every $disconnect ended', 30_000);
    for (const stop of stopFaults) stop();
    expect(leaving.map((client) => endOf(idOf(client))!.split(' ')[2])).toEqual(leaving.map(() => '200'));

    const staying = live.filter((_, i) => i % 2 === 0);
    let counts = await probe.counts();
    await eventually(async () => {
      counts = await probe.counts();
      return counts.connections.size === staying.length;
    }, 'the store back to the staying connections');
    expect(counts.connections).toEqual(new Set(staying.map(idOf)));
    const stayingIds = new Set(staying.map(idOf));
    const stale = [
      ...[...counts.memberships].flatMap(([room, members]) =>
        [...members].filter((id) => !stayingIds.has(id)).map((id) => `ROOM#${room}/CONN#${id}`),
      ),
      ...[...counts.membershipTwins].filter((twin) => !stayingIds.has(twin.split('|')[0]!)),
    ];
    expect(stale).toEqual([]);
    const staleRows = counts.items - staying.length * 3 - counts.jobs.size;
    expect(staleRows).toBe(0);
    expect(counts.jobs.size).toBe(JOBS);
    expect([...counts.jobs.values()].every((job) => job.status === 'completed')).toBe(true);
    // Each job's owner got one jobCompleted, not one per retried step.
    for (const client of live.slice(0, JOBS)) expect(client.framesOfType('jobCompleted')).toHaveLength(1);
    expect(delivered).toBe(sent);
    expect(proxy.stats.sdkRetries).toBeGreaterThan(0);

    totals.sent += sent;
    totals.delivered += delivered;
    totals.disconnects += leaving.length;
    clients.splice(0, clients.length, ...staying);
    passed.add('retries');
  });

  it('leaves the row of a failed $disconnect, which the store hides past its TTL: fan-out skips it', async () => {
    const url = stack.address.webSocketUrl;
    const victim = await openClient(url, { tag: 'victim' });
    clients.push(victim);
    await eventually(() => stack.connectionIdOf('victim') !== undefined, '$connect of the victim recorded');
    const victimId = stack.connectionIdOf('victim')!;
    // The witnesses connect in a later second than the victim, so that a clock just past the
    // victim's TTL is still within theirs (TTL is in whole seconds).
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50));
    const [sender, witness] = await Promise.all([
      openClient(url, { tag: 'w0' }),
      openClient(url, { tag: 'w1' }),
    ]);
    clients.push(sender!, witness!);
    for (const client of [victim, sender!, witness!])
      expect((await request(client, { action: 'join', room: TTL_ROOM })).json?.type).toBe('joined');

    const before = await probe.counts();
    expect(before.memberships.get(TTL_ROOM)?.has(victimId)).toBe(true);
    const store = (nowMs?: number) =>
      createConnectionStore({
        client: dynalite.client,
        tableName: stack.address.functionEnvironment.TABLE_NAME!,
        ...(nowMs === undefined ? {} : { now: () => nowMs }),
      });
    const row = await store().getConnection(victimId);
    expect(row?.expiresAtSeconds).toBe(Math.floor(row!.connectedAtMs / 1000) + CONNECTION_TTL_SECONDS);

    // Every store call that names the victim fails, on every attempt: its $disconnect cannot
    // remove anything, and neither can the GoneException cleanup of a later fan-out.
    const faultsBefore = proxy.stats.faults.internal ?? 0;
    const stopFault = proxy.inject({ fault: 'internal', match: (body) => body.includes(victimId) });
    victim.ws.close(1000);
    await eventually(
      () => stack.log.some((line) => line.startsWith(`$disconnect ${victimId} `)),
      'the victim’s $disconnect ran',
      20_000,
    );
    const disconnectLine = stack.log.find((line) => line.startsWith(`$disconnect ${victimId} `))!;
    const faultsOnDisconnect = (proxy.stats.faults.internal ?? 0) - faultsBefore;
    expect(faultsOnDisconnect).toBeGreaterThanOrEqual(3);
    const text = 'to a room with a stale member';
    const reply = await request(sender!, { action: 'send', room: TTL_ROOM, text });
    expect(reply.json?.text).toBe(text);
    await witness!.waitFor((f) => f.json?.type === 'message' && f.json.text === text);
    const after = await probe.counts();
    const victimRows = [
      after.connections.has(victimId),
      after.memberships.get(TTL_ROOM)?.has(victimId),
      after.membershipTwins.has(`${victimId}|${TTL_ROOM}`),
    ].filter(Boolean).length;
    expect(victimRows).toBe(3);

    // Now: the stale row is still listed (its TTL is hours away). Past its TTL: hidden from
    // every read, while the witnesses (connected a second later) are still there.
    const now = store();
    expect(await collect(now.roomMembers(TTL_ROOM))).toContain(victimId);
    const later = store(row!.expiresAtSeconds * 1000 + 1);
    expect(await later.getConnection(victimId)).toBeUndefined();
    expect(await later.roomsOf(victimId)).toEqual([]);
    expect(await later.connectionsOfUser(row!.userId)).toEqual([]);
    const fanOut = await collect(later.roomMembers(TTL_ROOM));
    expect(fanOut.sort()).toEqual([stack.connectionIdOf('w0'), stack.connectionIdOf('w1')].sort());
    // The fan-out a `send` would do past the TTL: every post reaches a live client, none is gone.
    const management = createManagementClient(stack.address);
    const answers = await Promise.all(
      fanOut.map((id) => postOnce(management, id, JSON.stringify({ text: 'later' }))),
    );
    management.destroy();
    expect(answers).toEqual(fanOut.map(() => '200'));
    stopFault();

    totals.sent += 1 + 1 + fanOut.length;
    totals.delivered += 1 + 1 + answers.filter((a) => a === '200').length;
    totals.disconnects += 1;
    totals.staleRows += victimRows;
    totals.notes.push(
      `failed $disconnect (${disconnectLine.split(' ').slice(2, 4).join(' ')}) after ${faultsOnDisconnect} faulted attempts left ${victimRows} rows, expiresAt = connectedAt + 2 h 15 min, hidden from every read past it`,
    );
    passed.add('ttl');
  });

  it('runs each job step twice without moving the job backwards or notifying twice', async () => {
    writeFileSync(join(markerDir, 'enabled'), '');
    const owner = clients[0]!;
    const submitted: Array<{ jobId: string; text: string; outcome: 'jobCompleted' | 'jobFailed' }> = [];
    for (const [text, outcome] of [
      ['twice over', 'jobCompleted'],
      ['!fail twice over', 'jobFailed'],
    ] as const) {
      const accepted = await request(owner, { action: 'submitJob', input: { text, durationMs: 40 } });
      submitted.push({ jobId: String(accepted.json?.jobId), text, outcome });
    }
    // Watch each job's status while the steps repeat: it may only move forward.
    const order = ['accepted', 'running', 'completed', 'failed'];
    const watch = watchJobStatuses(
      probe,
      submitted.map(({ jobId }) => jobId),
    );
    // Done when each job's Notify has run its second time.
    await stack.recorder.waitFor(
      (records) =>
        submitted.every(
          ({ jobId }) => records.filter((r) => r.functionName === 'notify' && r.jobId === jobId).length >= 2,
        ),
      30_000,
    );
    // A duplicate post would be on its way by now; give it time to land.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = await watch.stop();

    const runs = (jobId: string, fn: string) =>
      stack.recorder.records.filter((r) => r.functionName === fn && r.jobId === jobId).length;
    for (const { jobId, outcome } of submitted) {
      const finals = owner.frames.filter(
        (f) => (f.json?.type === 'jobCompleted' || f.json?.type === 'jobFailed') && f.json.jobId === jobId,
      );
      expect(finals.map((f) => f.json?.type)).toEqual([outcome]);
      const statuses = seen.get(jobId)!;
      expect(statuses.map((s) => order.indexOf(s))).toEqual(
        [...statuses.map((s) => order.indexOf(s))].sort(),
      );
      expect(statuses.at(-1)).toBe(outcome === 'jobCompleted' ? 'completed' : 'failed');
    }
    const [completed, failed] = submitted;
    // The completed job ran all three steps twice; the failed one's DoWork failed by itself
    // (no repeat), then GetConn and Notify each ran twice.
    expect(TASKS.map((fn) => runs(completed!.jobId, fn))).toEqual([2, 2, 2]);
    expect(TASKS.map((fn) => runs(failed!.jobId, fn))).toEqual([0, 2, 2]);
    const progress = owner
      .framesOfType('jobProgress')
      .filter((f) => f.json?.jobId === completed!.jobId).length;

    totals.sent += submitted.length;
    totals.delivered += submitted.length;
    totals.notes.push(
      `2 jobs with every step run twice (ASL Retry after a lost result): 1 jobCompleted + 1 jobFailed, statuses only forward (${submitted
        .map(({ jobId }) => seen.get(jobId)!.join('>'))
        .join(', ')}); ${progress} jobProgress (3 per DoWork run: progress repeats with the step)`,
    );
    passed.add('steps');
  });
});

async function collect(members: AsyncIterable<{ connectionId: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const member of members) ids.push(member.connectionId);
  return ids;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
