import {
  createPrng,
  eventually,
  type FuzzCase,
  nextFuzzCase,
  openClient,
  openClients,
  openRawClient,
  type RawClient,
  type ReferenceStack,
  reportScenario,
  request,
  scenarioSizes,
  seedFromEnv,
  startReferenceStack,
  type TestClient,
} from '../src/index.js';

const FUZZERS = 4;
const CALM = 3;

type Outcome =
  | { kind: 'reply'; aws: boolean; protocolError: boolean }
  | { kind: 'close'; code: number }
  | { kind: 'silence' };

/** Sends one case and waits for the first thing that comes back: a text frame, a close, or nothing. */
async function runCase(raw: RawClient, fuzzCase: FuzzCase): Promise<Outcome> {
  const seen = raw.frames.length;
  for (const frame of fuzzCase.frames) raw.sendFrame(frame.opcode, frame.payload, frame.options);
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const fresh = raw.frames.slice(seen);
    const close = fresh.find((f) => f.opcode === 0x8);
    if (close)
      return { kind: 'close', code: close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 1005 };
    const textFrame = fresh.find((f) => f.opcode === 0x1);
    // A case that must close the connection waits for the close: a text frame before it is a
    // late answer to an earlier case (a job's progress, a fan-out), not this case's outcome.
    if (textFrame && fuzzCase.expect.kind === 'reply') {
      const body = textFrame.payload.toString('utf8');
      return {
        kind: 'reply',
        aws: body.startsWith('{"message": '),
        protocolError: body.includes('"type":"error"'),
      };
    }
    if (raw.socket.destroyed) return { kind: 'close', code: 1006 };
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return { kind: 'silence' };
}

describe('bad frames: a seeded fuzzer beside well-formed clients', () => {
  let stack: ReferenceStack;
  afterAll(async () => stack?.close());

  it('never crashes the gateway, answers every frame as API Gateway or the protocol would, and leaves the others alone', async () => {
    const started = Date.now();
    const seed = seedFromEnv();
    process.stdout.write(`bad frames: seed ${seed} (RELIABILITY_SEED=${seed} replays this run)\n`);
    const rng = createPrng(seed);
    const { fuzzFrames } = scenarioSizes();
    stack = await startReferenceStack();
    const url = stack.address.webSocketUrl;

    // Well-formed clients talk in their own room the whole time.
    const calm = await openClients(url, CALM);
    for (const client of calm) await request(client, { action: 'join', room: 'calm' });
    let calmSent = 0;
    let calmAnswered = 0;
    let fuzzing = true;
    const calmLoop = async (client: TestClient, index: number) => {
      for (let i = 0; fuzzing; i++) {
        calmSent++;
        const answer = await request(
          client,
          i % 2 ? { action: 'ping' } : { action: 'send', room: 'calm', text: `calm ${index} ${i}` },
        );
        if (answer.json?.type === 'pong' || answer.json?.type === 'message') calmAnswered++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const calmDone = Promise.all(calm.map(calmLoop));

    // The fuzzers: each case on one connection, a new connection after every close.
    const outcomes = { aws: 0, protocolError: 0, otherReply: 0, closes: new Map<number, number>() };
    const unexpected: string[] = [];
    let cases = 0;
    let framesSent = 0;
    const fuzzer = async () => {
      let raw = await openRawClient(url);
      while (cases < fuzzFrames) {
        cases++;
        const fuzzCase = nextFuzzCase(rng);
        framesSent += fuzzCase.frames.length;
        const outcome = await runCase(raw, fuzzCase);
        if (outcome.kind === 'reply') {
          if (outcome.aws) outcomes.aws++;
          else if (outcome.protocolError) outcomes.protocolError++;
          else outcomes.otherReply++;
        } else if (outcome.kind === 'close')
          outcomes.closes.set(outcome.code, (outcomes.closes.get(outcome.code) ?? 0) + 1);
        const ok =
          fuzzCase.expect.kind === outcome.kind &&
          (outcome.kind !== 'close' ||
            (fuzzCase.expect.kind === 'close' && fuzzCase.expect.codes.includes(outcome.code)));
        if (!ok)
          unexpected.push(
            `${fuzzCase.family}: expected ${JSON.stringify(fuzzCase.expect)}, got ${JSON.stringify(outcome)}`,
          );
        if (outcome.kind !== 'reply') {
          raw.destroy();
          raw = await openRawClient(url);
        }
      }
      raw.destroy();
    };
    await Promise.all(Array.from({ length: FUZZERS }, fuzzer));
    fuzzing = false;
    await calmDone;

    // Assert: the gateway still serves, the calm clients saw no error, every case got its answer.
    const after = await openClient(url);
    expect((await request(after, { action: 'ping' })).json?.type).toBe('pong');
    after.ws.close();
    const calmErrors = calm.flatMap((client) => client.errors());
    expect(calmErrors).toEqual([]);
    expect(calmAnswered).toBe(calmSent);
    expect(unexpected.slice(0, 10)).toEqual([]);

    // Every fuzz connection is gone: only the calm clients' rows may remain (jobs are not connection rows).
    let staleRows = -1;
    await eventually(async () => {
      const counts = await stack.probe.counts();
      staleRows = counts.items - counts.jobs.size - CALM * 3;
      return staleRows === 0;
    }, 'the fuzz connections removed from the store');

    const closes = [...outcomes.closes.entries()].map(([code, count]) => `${count}x${code}`).join(', ');
    reportScenario({
      scenario: 'bad frames',
      tried: `${cases} seeded fuzz cases (${framesSent} frames) on ${FUZZERS} connections beside ${CALM} calm clients; seed ${seed}`,
      sent: cases + calmSent,
      delivered: cases - unexpected.length + calmAnswered,
      lost: unexpected.length + (calmSent - calmAnswered),
      disconnects: stack.recorder.records.filter((r) => r.routeKey === '$disconnect').length,
      staleRows,
      durationMs: Date.now() - started,
      notes: `${outcomes.protocolError} protocol error events, ${outcomes.aws} AWS error frames, ${outcomes.otherReply} normal replies, closes ${closes}; calm clients: ${calmSent} requests, 0 errors`,
    });
  });
});
