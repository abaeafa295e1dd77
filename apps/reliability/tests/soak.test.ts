import {
  eventually,
  mapLimit,
  openClient,
  type ReferenceStack,
  reportScenario,
  request,
  retainedMemory,
  scenarioSizes,
  startReferenceStack,
  type TestClient,
} from '../src/index.js';

const POOL = 30;
const TICK_MS = 100;

interface Sample {
  atMs: number;
  rssMb: number;
  heapMb: number;
  handles: number;
  items: number;
}

// The soak runs for its configured length (45 s in CI, 10 minutes in full mode): the test's own
// timeout follows it, with room to start the stack and drain what is in flight.
const { soakMs: plannedSoakMs } = scenarioSizes();

describe('soak: mixed traffic at a steady rate', () => {
  let stack: ReferenceStack;
  afterAll(async () => stack?.close());

  it(
    'keeps memory, handles and store rows flat and loses nothing',
    async () => {
      const started = Date.now();
      const { soakMs, soakSampleMs } = scenarioSizes();
      stack = await startReferenceStack();
      const url = stack.address.webSocketUrl;
      const live: TestClient[] = [];
      let sent = 0;
      let delivered = 0;
      let drops = 0;
      let jobs = 0;
      const pending: Array<Promise<void>> = [];
      const busy = new Map<TestClient, number>();
      const samples: Sample[] = [];
      const sample = async () => {
        const memory = retainedMemory();
        const counts = await stack.probe.counts();
        samples.push({
          atMs: Date.now() - started,
          rssMb: Math.round(memory.rss / 1048576),
          heapMb: Math.round(memory.heapUsed / 1048576),
          handles: process.getActiveResourcesInfo().length,
          items: counts.items - counts.jobs.size,
        });
      };
      await sample();
      let nextSample = Date.now() + soakSampleMs;
      for (let tick = 0; Date.now() - started < soakMs; tick++) {
        const tickStart = Date.now();
        // Connect and join up to the pool size; drop one in ten ticks; send every tick; a job every 20.
        if (live.length < POOL) {
          const client = await openClient(url);
          await request(client, { action: 'join', room: 'soak' });
          live.push(client);
        }
        if (tick % 10 === 5 && live.length > 2) {
          // Drop a client with no request in flight (a dropped sender's reply is not a loss);
          // never live[0], the job owner.
          const victim = live.findIndex((c, i) => i > 0 && !busy.has(c));
          if (victim > 0) {
            live.splice(victim, 1)[0]!.drop();
            drops++;
          }
        }
        const sender = live[tick % live.length]!;
        sent++;
        busy.set(sender, (busy.get(sender) ?? 0) + 1);
        pending.push(
          request(sender, { action: 'send', room: 'soak', text: `soak ${tick}` }).then((f) => {
            if (f.json?.type === 'message') delivered++;
            const left = (busy.get(sender) ?? 1) - 1;
            if (left === 0) busy.delete(sender);
            else busy.set(sender, left);
          }),
        );
        if (tick % 20 === 0) {
          jobs++;
          sent++;
          const owner = live[0]!;
          pending.push(
            request(owner, { action: 'submitJob', input: { text: `job ${tick}`, durationMs: 50 } }).then(
              async (f) => {
                await owner.waitFor(
                  (g) => g.json?.type === 'jobCompleted' && g.json.jobId === f.json?.jobId,
                  20_000,
                );
                delivered++;
              },
            ),
          );
        }
        if (Date.now() >= nextSample) {
          await sample();
          nextSample += soakSampleMs;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (Date.now() - tickStart))));
      }
      await Promise.allSettled(pending);
      await mapLimit(live, 10, async (client) => client.ws.close());
      // Every client is gone: the store must end with no connection or membership rows.
      let staleRows = -1;
      await eventually(async () => {
        const counts = await stack.probe.counts();
        staleRows = counts.items - counts.jobs.size;
        return staleRows === 0;
      }, 'every connection row removed after the last client left');
      await sample();

      // No loss: every send answered, every job completed.
      expect(delivered).toBe(sent);
      // No growth trend: the last third of the samples is not above the first third by more than slack.
      const third = Math.max(1, Math.floor(samples.length / 3));
      const mean = (list: Sample[], key: keyof Sample) => list.reduce((s, x) => s + x[key], 0) / list.length;
      const head = samples.slice(1, 1 + third);
      const tail = samples.slice(-third - 1, -1);
      const heapGrowthMb = mean(tail, 'heapMb') - mean(head, 'heapMb');
      const handleGrowth = mean(tail, 'handles') - mean(head, 'handles');
      expect(heapGrowthMb).toBeLessThan(30);
      expect(handleGrowth).toBeLessThan(40);
      process.stdout.write(
        `soak samples (s, rss MB, heap MB, handles, store rows): ${samples
          .map((s) => `${Math.round(s.atMs / 1000)}/${s.rssMb}/${s.heapMb}/${s.handles}/${s.items}`)
          .join(' ')}\n`,
      );
      reportScenario({
        scenario: 'soak',
        tried: `${Math.round(soakMs / 1000)} s at one tick per ${TICK_MS} ms: connect+join up to ${POOL}, a send per tick, a drop per 10 ticks, a job per 20; samples every ${soakSampleMs / 1000} s`,
        sent,
        delivered,
        lost: sent - delivered,
        disconnects: stack.recorder.records.filter((r) => r.routeKey === '$disconnect').length,
        staleRows,
        durationMs: Date.now() - started,
        notes: `${drops} drops, ${jobs} jobs; heap ${head.length ? Math.round(mean(head, 'heapMb')) : '?'} -> ${Math.round(mean(tail, 'heapMb'))} MB, handles ${Math.round(mean(head, 'handles'))} -> ${Math.round(mean(tail, 'handles'))}, RSS last ${samples.at(-1)?.rssMb} MB`,
      });
    },
    plannedSoakMs + 180_000,
  );
});
