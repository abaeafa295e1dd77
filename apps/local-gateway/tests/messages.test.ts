import { collectMessages, nextMessage, openClient, sleep } from '../src/testing/index.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const idPattern = '[A-Za-z0-9_-]{15}=';

describe('messages', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('sends the exact Forbidden frame, with real ids, when no route matches and there is no $default', async () => {
    gw = await startTestGateway(
      { functions: { rooms: { routes: ['join'] } } },
      { rooms: () => ({ statusCode: 200 }) },
    );
    const ws = await openClient(gw.address.webSocketUrl);
    ws.send('{"action":"leave"}');
    const frame = await nextMessage(ws);
    expect(frame).toMatch(
      new RegExp(`^\\{"message": "Forbidden", "connectionId":"${idPattern}", "requestId":"${idPattern}"\\}$`),
    );
    // The connection stays open.
    ws.send('{"action":"join"}');
    await gw.waitForInvocation('rooms');
    ws.close();
  });

  it('sends the Internal server error frame with the failed invocation ids, and stays open', async () => {
    gw = await startTestGateway(
      { functions: { boom: { routes: ['$default'] } } },
      {
        boom: () => {
          throw new Error('kaput');
        },
      },
    );
    const ws = await openClient(gw.address.webSocketUrl);
    ws.send('anything');
    const frame = JSON.parse(await nextMessage(ws));
    const { event } = await gw.waitForInvocation('boom');
    expect(frame).toEqual({
      message: 'Internal server error',
      connectionId: event.requestContext.connectionId,
      requestId: event.requestContext.requestId,
    });
    expect(ws.readyState).toBe(ws.OPEN);
    ws.close();
  });

  it('sends nothing back on one-way routes and the body on two-way routes', async () => {
    gw = await startTestGateway(
      { functions: { oneWay: { routes: ['fire'] }, twoWay: { routes: ['ask'], routeResponse: true } } },
      {
        oneWay: () => ({ statusCode: 200, body: 'never sent' }),
        twoWay: (event) => ({ statusCode: 200, body: `answer to ${JSON.parse(event.body).q}` }),
      },
    );
    const ws = await openClient(gw.address.webSocketUrl);
    const received = collectMessages(ws);
    ws.send('{"action":"fire"}');
    await gw.waitForInvocation('oneWay');
    ws.send('{"action":"ask","q":"life"}');
    await gw.waitForInvocation('twoWay');
    await sleep(50);
    expect(received).toEqual(['answer to life']);
    ws.close();
  });

  it('routes by the nested expression, stringified, and sends non-JSON to $default', async () => {
    gw = await startTestGateway(
      {
        routeSelectionExpression: '$request.body.meta.kind',
        functions: { numbered: { routes: ['7'] }, fallback: { routes: ['$default'] } },
      },
      { numbered: () => ({}), fallback: () => ({}) },
    );
    const ws = await openClient(gw.address.webSocketUrl);
    ws.send('{"meta":{"kind":7}}');
    ws.send('not json');
    await gw.waitForInvocation('numbered');
    const fallback = await gw.waitForInvocation('fallback');
    expect(fallback.event.body).toBe('not json');
    expect(fallback.event.requestContext.routeKey).toBe('$default');
    ws.close();
  });

  it('logs one line per invocation with route, connection id, status and duration', async () => {
    gw = await startTestGateway(
      { functions: { rooms: { routes: ['join'] } } },
      { rooms: () => ({ statusCode: 200 }) },
    );
    const ws = await openClient(gw.address.webSocketUrl);
    ws.send('{"action":"join"}');
    const { event } = await gw.waitForInvocation('rooms');
    await sleep(20);
    expect(gw.logs).toContainEqual(
      expect.stringMatching(new RegExp(`^join ${event.requestContext.connectionId} 200 \\d+ms$`)),
    );
    ws.close();
  });
});
