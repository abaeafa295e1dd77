import { type Gateway, createGateway } from '@switchboard/local-gateway';
import { loadManifest } from '@switchboard/manifest';
import {
  fixturePath,
  openClient,
  type Recorder,
  reportScenario,
  startRecorder,
  type TestClient,
} from '../src/index.js';

const FAULTS = ['fail', 'hang', 'exit', 'leak'] as const;
const ROUNDS = 3;

describe('handler faults: functions that throw, hang, exit or leak', () => {
  let recorder: Recorder;
  let gateway: Gateway;
  let client: TestClient;
  afterAll(async () => {
    client?.ws.close();
    await gateway?.close();
    await recorder?.close();
  });

  it('answer the error frame, get a fresh environment, and the next call succeeds; every call runs once', async () => {
    const started = Date.now();
    recorder = await startRecorder();
    const loaded = loadManifest(fixturePath('faults', 'manifest.json'));
    for (const spec of Object.values(loaded.manifest.functions))
      spec.environment = { RECORDER_URL: recorder.url };
    gateway = createGateway({ manifest: loaded, port: 0 });
    const { webSocketUrl } = await gateway.listen();
    client = await openClient(webSocketUrl);

    let seq = 0;
    let sent = 0;
    let answered = 0;
    const faultFrames: string[] = [];
    const call = async (action: string, fault: boolean) => {
      const mine = ++seq;
      sent++;
      const before = client.frames.length;
      client.send({ action, seq: mine, fault });
      // A function's answer: its `done`, or API Gateway's error frame for a failed invocation.
      const frame = await client.waitFor(
        (f) => client.frames.indexOf(f) >= before && (f.json?.seq === mine || f.json?.message !== undefined),
        30_000,
      );
      answered++;
      return frame;
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const fault of FAULTS) {
        const failed = await call(fault, true);
        expect(failed.json?.message).toBe('Internal server error');
        faultFrames.push(fault);
        // The same function again: a new environment (or the kept one after a throw) answers.
        const next = await call(fault, false);
        expect(next.json).toEqual({ type: 'done', seq });
        expect((await call('work', false)).json?.type).toBe('done');
      }
    }

    // Every call ran exactly once: no call lost, none run twice.
    const seqs = recorder.records.map((r) => r.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    reportScenario({
      scenario: 'handler faults',
      tried: `${ROUNDS} rounds of throw, hang past timeout (1 s), process.exit, leak past 128 MB; each followed by a normal call to the same function and another`,
      sent,
      delivered: answered,
      lost: sent - answered,
      disconnects: 0,
      staleRows: 0,
      durationMs: Date.now() - started,
      notes: `${faultFrames.length} Internal server error frames; ${seq} calls recorded once each; the client stayed connected`,
    });
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });
});
