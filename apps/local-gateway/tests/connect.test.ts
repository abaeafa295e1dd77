import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { closed, handshakeStatus, openClient } from '../src/testing/index.js';
import { managementClient } from './support/aws-clients.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

describe('$connect handshake', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('answers a plain GET on the WebSocket URL with 426', async () => {
    gw = await startTestGateway({ functions: { any: { routes: ['$default'] } } }, { any: () => ({}) });
    const res = await fetch(gw.address.webSocketUrl.replace('ws:', 'http:'));
    expect(res.status).toBe(426);
  });

  it('accepts every connection when there is no $connect route', async () => {
    gw = await startTestGateway({ functions: { any: { routes: ['$default'] } } }, { any: () => ({}) });
    const ws = await openClient(gw.address.webSocketUrl);
    expect(ws.readyState).toBe(ws.OPEN);
    ws.close();
  });

  it('refuses an upgrade to another stage with 403', async () => {
    gw = await startTestGateway({ functions: { any: { routes: ['$default'] } } }, { any: () => ({}) });
    expect(await handshakeStatus(gw.address.webSocketUrl.replace('/dev', '/prod'))).toBe(403);
  });

  it.each([400, 401, 301, 501])(
    'passes a $connect statusCode %i through as the handshake status',
    async (status) => {
      gw = await startTestGateway(
        { functions: { connect: { routes: ['$connect'] } } },
        {
          connect: () => ({ statusCode: status }),
        },
      );
      expect(await handshakeStatus(gw.address.webSocketUrl)).toBe(status);
    },
  );

  it('opens on a 2xx $connect result and answers 502 when $connect throws', async () => {
    gw = await startTestGateway(
      { functions: { connect: { routes: ['$connect'] } } },
      {
        connect: (event) => {
          if (event.queryStringParameters?.fail) throw new Error('boom');
          return { statusCode: 201 };
        },
      },
    );
    expect(await handshakeStatus(gw.address.webSocketUrl)).toBe(101);
    expect(await handshakeStatus(`${gw.address.webSocketUrl}?fail=1`)).toBe(502);
  });

  it('holds the handshake until $connect returns', async () => {
    let release!: () => void;
    gw = await startTestGateway(
      { functions: { connect: { routes: ['$connect'] } } },
      {
        connect: () => new Promise((resolve) => (release = () => resolve({ statusCode: 200 }))),
      },
    );
    let opened = false;
    const opening = openClient(gw.address.webSocketUrl).then((ws) => {
      opened = true;
      return ws;
    });
    await gw.waitForInvocation('connect');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(opened).toBe(false);
    release();
    (await opening).close();
  });

  it('echoes Sec-WebSocket-Protocol only when $connect returns it', async () => {
    gw = await startTestGateway(
      { functions: { connect: { routes: ['$connect'] } } },
      {
        connect: (event) =>
          event.queryStringParameters?.pick
            ? { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v2' } }
            : { statusCode: 200 },
      },
    );
    const picked = await openClient(`${gw.address.webSocketUrl}?pick=1`, ['chat.v1', 'chat.v2']);
    expect(picked.protocol).toBe('chat.v2');
    picked.close();
    // Without an echo a client that offered protocols fails the handshake, as browsers do on AWS.
    await expect(openClient(gw.address.webSocketUrl, ['chat.v1'])).rejects.toThrow(/subprotocol/);
  });

  it('answers GoneException to a post to the connection while its $connect runs', async () => {
    let postError: unknown;
    gw = await startTestGateway(
      { functions: { connect: { routes: ['$connect'] } } },
      {
        connect: async (event) => {
          const client = managementClient(gw!.address);
          try {
            await client.send(
              new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: 'hi' }),
            );
          } catch (error) {
            postError = error;
          }
          return { statusCode: 200 };
        },
      },
    );
    const ws = await openClient(gw.address.webSocketUrl);
    expect((postError as Error).name).toBe('GoneException');
    ws.close();
    await closed(ws);
  });
});
