import {
  createManagementClient,
  eventually,
  openClients,
  openRawClient,
  postOnce,
  retainedMemory,
  type ReferenceStack,
  reportScenario,
  request,
  startReferenceStack,
  type TestClient,
} from '../src/index.js';

const HEALTHY = 10;
const BROADCASTS = 10;
const REFUSED_POSTS = 500;
const ROOM = 'slow';
const POST_BYTES = 32 * 1024;
// The gateway's default send-buffer bound (limits.maxBufferedBytes).
const MAX_BUFFERED_BYTES = 1024 * 1024;

describe('slow consumers: a client that stops reading while its room is broadcast to', () => {
  let stack: ReferenceStack;
  afterAll(async () => stack?.close());

  it('gets 429 past the send-buffer bound, keeps the gateway memory flat, and does not slow the others', async () => {
    const started = Date.now();
    // The default heartbeat (30 s) would cut the stalled reader after 60 s; this scenario is shorter.
    stack = await startReferenceStack();
    const url = stack.address.webSocketUrl;
    const management = createManagementClient(stack.address);

    const slow = await openRawClient(url, { tag: 'slow' });
    slow.sendText(JSON.stringify({ action: 'join', room: ROOM, requestId: 'slow' }));
    await slow.waitForText((text) => text.includes('"joined"'));
    const healthy = await openClients(url, HEALTHY);
    for (const client of healthy) await request(client, { action: 'join', room: ROOM });
    const slowId = stack.connectionIdOf('slow')!;
    const [sender, ...others] = healthy;

    const before = await broadcastRound(sender!, others, 'before');

    // Act: the slow client stops reading; the gateway's writes to it back up.
    slow.pauseReading();
    const payload = Buffer.alloc(POST_BYTES, 'x');
    let acceptedBytes = 0;
    let firstRefusal = '';
    for (let attempt = 0; attempt < 4000 && !firstRefusal; attempt++) {
      const status = await postOnce(management, slowId, payload);
      if (status === '200') acceptedBytes += POST_BYTES;
      else firstRefusal = status;
    }
    expect(firstRefusal).toBe('LimitExceededException');

    // Past the bound every post is refused and the gateway's buffers stay flat.
    // A first batch warms the HTTP and SDK pools up, so that the figure compares like with like.
    const refusals: string[] = [];
    for (let i = 0; i < 100; i++) refusals.push(await postOnce(management, slowId, payload));
    const memoryBefore = retainedMemory();
    for (let i = 0; i < REFUSED_POSTS; i++) refusals.push(await postOnce(management, slowId, payload));
    const memoryAfter = retainedMemory();
    expect(refusals.filter((status) => status !== 'LimitExceededException')).toEqual([]);
    const growthBytes = memoryAfter.arrayBuffers - memoryBefore.arrayBuffers;
    // The bound: what the gateway took before refusing is the loopback socket buffers plus its own
    // 1 MiB, and nothing after. (The process-wide figure after a full GC is reported, not
    // asserted: pools move it by a few MiB from run to run.)
    expect(acceptedBytes).toBeLessThan(MAX_BUFFERED_BYTES + 12 * 1024 * 1024);

    // Broadcasts to the room (which includes the stalled client) still reach every healthy member.
    const during = await broadcastRound(sender!, others, 'during');
    expect(during.delivered).toBe(during.expected);
    // Not slowed: a round with the stalled member takes no more than a few times the one before.
    expect(during.p50Ms).toBeLessThan(Math.max(before.p50Ms * 5, 500));

    slow.destroy();
    await stack.recorder.waitFor((records) => records.some((r) => r.routeKey === '$disconnect'), 10_000);
    let staleRows = -1;
    await eventually(async () => {
      staleRows = (await stack.probe.counts()).items - HEALTHY * 3;
      return staleRows === 0;
    }, 'the stalled client removed from the store');

    reportScenario({
      scenario: 'slow consumers',
      tried: `1 raw client stops reading in a room of ${HEALTHY + 1}; ${POST_BYTES / 1024} KB PostToConnection to it until refused, ${REFUSED_POSTS} more; ${BROADCASTS} broadcasts before and during`,
      sent: before.expected + during.expected,
      delivered: before.delivered + during.delivered,
      lost: before.expected + during.expected - before.delivered - during.delivered,
      disconnects: stack.recorder.records.filter((r) => r.routeKey === '$disconnect').length,
      staleRows,
      durationMs: Date.now() - started,
      notes: `${(acceptedBytes / 1048576).toFixed(1)} MiB accepted (kernel buffers + ${MAX_BUFFERED_BYTES / 1048576} MiB bound) then 429; ${REFUSED_POSTS}/${REFUSED_POSTS} refused, process arrayBuffers after GC +${(growthBytes / 1048576).toFixed(2)} MiB; time to all others p50 ${before.p50Ms} ms before, ${during.p50Ms} ms during; sender's reply p50 ${before.replyP50Ms} -> ${during.replyP50Ms} ms (the handlers' SDK retries the 429)`,
    });
  });
});

/** `BROADCASTS` sends, one at a time; each waits until every other member has it. */
async function broadcastRound(
  sender: TestClient,
  others: TestClient[],
  label: string,
): Promise<{ expected: number; delivered: number; p50Ms: number; replyP50Ms: number }> {
  const times: number[] = [];
  const replyTimes: number[] = [];
  let delivered = 0;
  for (let i = 0; i < BROADCASTS; i++) {
    const text = `${label}-${i}-${'y'.repeat(2000)}`;
    const sentAt = performance.now();
    // The sender's own copy comes once the whole fan-out has ended, the stalled member included.
    const reply = request(sender, { action: 'send', room: ROOM, text }).then(() =>
      replyTimes.push(performance.now() - sentAt),
    );
    const results = await Promise.allSettled(
      others.map((c) => c.waitFor((f) => f.json?.text === text, 10_000)),
    );
    times.push(performance.now() - sentAt);
    delivered += results.filter((r) => r.status === 'fulfilled').length;
    await reply;
  }
  return {
    expected: BROADCASTS * others.length,
    delivered,
    p50Ms: median(times),
    replyP50Ms: median(replyTimes),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
}
