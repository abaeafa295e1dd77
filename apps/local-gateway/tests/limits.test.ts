import { closed, openClient } from '../src/testing/index.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const handlers = { msg: () => ({}), disconnect: () => ({}) };
const functions = { msg: { routes: ['$default'] }, disconnect: { routes: ['$disconnect'] } };

describe('limits', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('closes with 1003 on a binary frame', async () => {
    gw = await startTestGateway({ functions }, handlers);
    const ws = await openClient(gw.address.webSocketUrl);
    ws.send(Buffer.from([1, 2, 3]));
    expect((await closed(ws)).code).toBe(1003);
    const { event } = await gw.waitForInvocation('disconnect');
    expect(event.requestContext.disconnectStatusCode).toBe(1003);
    expect(gw.invocations.some((i) => i.functionName === 'msg')).toBe(false);
  });

  it('closes with 1009 on a single frame over 32 KB, without routing it', async () => {
    gw = await startTestGateway({ functions }, handlers);
    const ws = await openClient(gw.address.webSocketUrl);
    ws.send('x'.repeat(32 * 1024 + 1));
    expect((await closed(ws)).code).toBe(1009);
    const { event } = await gw.waitForInvocation('disconnect');
    expect(event.requestContext.disconnectStatusCode).toBe(1009);
    expect(gw.invocations.some((i) => i.functionName === 'msg')).toBe(false);
  });

  it('routes a 100 KB message sent in 32 KB frames', async () => {
    gw = await startTestGateway({ functions }, handlers);
    const ws = await openClient(gw.address.webSocketUrl);
    const frame = 'y'.repeat(32 * 1024);
    for (let i = 0; i < 3; i++) ws.send(frame, { fin: false });
    ws.send('z'.repeat(4 * 1024), { fin: true });
    const { event } = await gw.waitForInvocation('msg');
    expect(event.body.length).toBe(100 * 1024);
    ws.close();
  });

  it('closes with 1009 on a message over 128 KB, even in small frames', async () => {
    gw = await startTestGateway({ functions }, handlers);
    const ws = await openClient(gw.address.webSocketUrl);
    const frame = 'y'.repeat(16 * 1024);
    for (let i = 0; i < 8; i++) ws.send(frame, { fin: false });
    ws.send('!', { fin: true });
    expect((await closed(ws)).code).toBe(1009);
    expect((await gw.waitForInvocation('disconnect')).event.requestContext.disconnectStatusCode).toBe(1009);
  });

  it('closes an idle connection and runs $disconnect; messages keep it alive', async () => {
    gw = await startTestGateway({ functions }, handlers, { idleTimeoutMs: 300 });
    const ws = await openClient(gw.address.webSocketUrl);
    const started = Date.now();
    const timer = setInterval(() => ws.send('keep-alive'), 100);
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(timer);
    expect(ws.readyState).toBe(ws.OPEN);
    const close = await closed(ws);
    expect(close.code).toBe(1001);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect((await gw.waitForInvocation('disconnect')).event.requestContext.disconnectStatusCode).toBe(1001);
  });

  it('closes a connection at the maximum duration, however active', async () => {
    gw = await startTestGateway({ functions }, handlers, { maxDurationMs: 300 });
    const ws = await openClient(gw.address.webSocketUrl);
    const timer = setInterval(() => ws.send('busy'), 50);
    const close = await closed(ws);
    clearInterval(timer);
    expect(close.code).toBe(1001);
    await gw.waitForInvocation('disconnect');
  });
});

describe('gateway shutdown', () => {
  it('closes every client with 1001 and runs $disconnect for each', async () => {
    const gw = await startTestGateway({ functions }, handlers);
    const clients = await Promise.all([1, 2, 3].map(() => openClient(gw.address.webSocketUrl)));
    const closes = clients.map((ws) => closed(ws));
    await gw.close();
    expect((await Promise.all(closes)).map((c) => c.code)).toEqual([1001, 1001, 1001]);
    const disconnects = gw.invocations.filter((i) => i.functionName === 'disconnect');
    expect(disconnects.map((d) => d.event.requestContext.disconnectStatusCode)).toEqual([1001, 1001, 1001]);
  });

  it('runs two gateways side by side without mixing their connections', async () => {
    const a = await startTestGateway({ functions }, handlers);
    const b = await startTestGateway({ functions }, handlers);
    const ws = await openClient(a.address.webSocketUrl);
    ws.send('only a');
    await a.waitForInvocation('msg');
    expect(b.invocations).toEqual([]);
    expect(a.address.port).not.toBe(b.address.port);
    await Promise.all([a.close(), b.close()]);
  });
});
