import { openClient } from '../src/testing/index.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const id = expect.stringMatching(/^[A-Za-z0-9_-]{15}=$/);
const clf = expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);

describe('event shapes', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await startTestGateway(
      {
        functions: {
          connect: { routes: ['$connect'] },
          disconnect: { routes: ['$disconnect'] },
          msg: { routes: ['$default'] },
        },
      },
      {
        connect: () => ({ statusCode: 200 }),
        disconnect: () => ({ statusCode: 200 }),
        msg: () => ({ statusCode: 200 }),
      },
    );
  });
  afterEach(() => gw.close());

  it('CONNECT carries the upgrade headers and query string, no messageId, no body', async () => {
    const ws = await openClient(`${gw.address.webSocketUrl}?token=abc&room=a&room=b`, undefined, {
      headers: { 'User-Agent': 'test-agent/1.0', 'X-Custom': 'yes' },
    });
    const { event } = await gw.waitForInvocation('connect');
    expect(event.requestContext).toEqual({
      routeKey: '$connect',
      eventType: 'CONNECT',
      extendedRequestId: event.requestContext.requestId,
      requestTime: clf,
      messageDirection: 'IN',
      stage: 'dev',
      connectedAt: expect.any(Number),
      requestTimeEpoch: event.requestContext.connectedAt,
      identity: { sourceIp: '127.0.0.1', userAgent: 'test-agent/1.0' },
      requestId: id,
      domainName: gw.address.domainName,
      connectionId: id,
      apiId: 'switchboard',
    });
    expect(event.headers).toMatchObject({
      'User-Agent': 'test-agent/1.0',
      'X-Custom': 'yes',
      Upgrade: 'websocket',
      'X-Forwarded-For': '127.0.0.1',
      'X-Forwarded-Port': String(gw.address.port),
      'X-Forwarded-Proto': 'http',
    });
    expect(event.multiValueHeaders['X-Custom']).toEqual(['yes']);
    expect(event.queryStringParameters).toEqual({ token: 'abc', room: 'b' });
    expect(event.multiValueQueryStringParameters).toEqual({ token: ['abc'], room: ['a', 'b'] });
    expect(event.isBase64Encoded).toBe(false);
    expect('body' in event).toBe(false);
    ws.close();
  });

  it('CONNECT without a query string has no query fields', async () => {
    const ws = await openClient(gw.address.webSocketUrl);
    const { event } = await gw.waitForInvocation('connect');
    expect('queryStringParameters' in event).toBe(false);
    expect('multiValueQueryStringParameters' in event).toBe(false);
    ws.close();
  });

  it('MESSAGE has the body, a messageId, fresh request ids, no headers', async () => {
    const ws = await openClient(gw.address.webSocketUrl);
    const connect = (await gw.waitForInvocation('connect')).event;
    ws.send('hello');
    const { event } = await gw.waitForInvocation('msg');
    expect(event.body).toBe('hello');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext).toMatchObject({
      routeKey: '$default',
      eventType: 'MESSAGE',
      messageId: id,
      connectionId: connect.requestContext.connectionId,
      connectedAt: connect.requestContext.connectedAt,
      extendedRequestId: event.requestContext.requestId,
    });
    expect(event.requestContext.requestId).not.toBe(connect.requestContext.requestId);
    expect('headers' in event).toBe(false);
    expect('queryStringParameters' in event).toBe(false);
    ws.close();
  });

  it.each([
    ['a normal close', (ws: import('ws').WebSocket) => ws.close(1000), 1000, ''],
    [
      'a close without status',
      (ws: import('ws').WebSocket) => ws.close(),
      1005,
      'Client-side close frame status not set',
    ],
    ['a close with a reason', (ws: import('ws').WebSocket) => ws.close(4001, 'bye now'), 4001, 'bye now'],
    ['a dropped connection', (ws: import('ws').WebSocket) => ws.terminate(), 1006, ''],
  ])('DISCONNECT after %s has the fixed headers and the real close', async (_name, close, code, reason) => {
    const ws = await openClient(gw.address.webSocketUrl);
    close(ws);
    const { event } = await gw.waitForInvocation('disconnect');
    expect(event.headers).toEqual({
      Host: gw.address.domainName,
      'x-api-key': '',
      'X-Forwarded-For': '',
      'x-restapi': '',
    });
    expect(event.multiValueHeaders.Host).toEqual([gw.address.domainName]);
    expect(event.requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: code,
      disconnectReason: reason,
    });
    expect('messageId' in event.requestContext).toBe(false);
    expect('body' in event).toBe(false);
  });
});
