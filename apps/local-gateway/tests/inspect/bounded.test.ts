import { openTestClient } from '../../src/testing/index.js';
import { billedMessageUnits, Recorder } from '../../src/inspect/recorder.js';
import { RingBuffer } from '../../src/inspect/ring-buffer.js';
import { startTestGateway } from '../support/gateway.js';
import { inspectorApi } from './inspector-api.js';

describe('bounded buffers: a long session does not grow memory', () => {
  it('keeps the newest items of a ring, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.size).toBe(3);
    const none = new RingBuffer<number>(0);
    none.push(1);
    expect(none.toArray()).toEqual([]);
  });

  it('keeps at most --inspector-frames frames and --inspector-invocations invocations', async () => {
    const gw = await startTestGateway(
      { functions: { echo: { routes: ['$default'], routeResponse: true } } },
      { echo: (event) => ({ statusCode: 200, body: event.body }) },
      { inspectorFrames: 4, inspectorInvocations: 2 },
    );
    await inspectorApi(gw.address).get('state');
    const client = await openTestClient(gw.address.webSocketUrl);
    for (let i = 0; i < 10; i++) {
      client.ws.send(`m${i}`);
      await client.waitFor((f) => f.text === `m${i}`);
    }
    const state = await inspectorApi(gw.address).get<{
      frames: Array<{ text: string }>;
      invocations: unknown[];
      connections: Array<{ framesIn: number; framesOut: number }>;
    }>('state');
    expect(state.frames.map((f) => f.text)).toEqual(['m8', 'm8', 'm9', 'm9']);
    expect(state.invocations).toHaveLength(2);
    // The counters still count everything.
    expect(state.connections[0]).toMatchObject({ framesIn: 10, framesOut: 10 });
    client.ws.close();
    await gw.close();
  });

  it('bills a frame per 32 KB started, counting bytes only when it could matter', () => {
    expect(billedMessageUnits('x'.repeat(10_000))).toBe(1);
    expect(billedMessageUnits('x'.repeat(32 * 1024))).toBe(1);
    expect(billedMessageUnits('x'.repeat(32 * 1024 + 1))).toBe(2);
    // 11,000 three-byte characters are 33,000 bytes.
    expect(billedMessageUnits('€'.repeat(11_000))).toBe(2);
    expect(billedMessageUnits(Buffer.alloc(100 * 1024))).toBe(4);
  });

  it('keeps nothing until the inspector is first opened, and still counts', () => {
    const recorder = new Recorder({ dimensions: { ApiId: 'a', Stage: 's' } });
    recorder.frame('c', 'in', 'hello');
    expect(recorder.frames.size).toBe(0);
    expect(recorder.usage).toMatchObject({ messages: 1, messageUnits: 1 });
    recorder.keep();
    recorder.frame('c', 'out', 'hi');
    expect(recorder.frames.toArray().map((f) => f.data)).toEqual(['hi']);
  });

  it('keeps no frames when the ring is sized 0', () => {
    const recorder = new Recorder({ dimensions: { ApiId: 'a', Stage: 's' }, maxFrames: 0 });
    recorder.keep();
    recorder.frame('c', 'in', 'hello');
    expect(recorder.frames.size).toBe(0);
  });
});
