import {
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { closed, nextMessage, openClient } from '../src/testing/index.js';
import { managementClient } from './support/aws-clients.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

describe('@connections API', () => {
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
      { connect: () => ({ statusCode: 200 }), disconnect: () => ({}), msg: () => ({}) },
    );
  });
  afterEach(() => gw.close());

  async function connect(): Promise<{ ws: import('ws').WebSocket; connectionId: string }> {
    const ws = await openClient(gw.address.webSocketUrl, undefined, { headers: { 'User-Agent': 'ua/1' } });
    const { event } = await gw.waitForInvocation('connect');
    return { ws, connectionId: event.requestContext.connectionId };
  }

  it('PostToConnection delivers the data (200); the id is URL-decoded', async () => {
    const { ws, connectionId } = await connect();
    const received = nextMessage(ws);
    const out = await managementClient(gw.address).send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: '{"hello":"world"}' }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await received).toBe('{"hello":"world"}');
    ws.close();
  });

  it('PostToConnection sends UTF-8 data as a text frame and other bytes as a binary frame', async () => {
    const { ws, connectionId } = await connect();
    const frames: Array<{ data: Buffer; isBinary: boolean }> = [];
    ws.on('message', (data, isBinary) => frames.push({ data: data as Buffer, isBinary }));
    const client = managementClient(gw.address);
    const text = Buffer.from('{"greeting":"grüß dich 👋"}');
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0xc3]);
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: text }));
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: bytes }));
    for (let i = 0; i < 100 && frames.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(frames).toEqual([
      { data: text, isBinary: false },
      { data: bytes, isBinary: true },
    ]);
    ws.close();
  });

  it('GetConnection answers connectedAt, identity and lastActiveAt', async () => {
    const { ws, connectionId } = await connect();
    ws.send('ping');
    await gw.waitForInvocation('msg');
    const out = await managementClient(gw.address).send(
      new GetConnectionCommand({ ConnectionId: connectionId }),
    );
    expect(out.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'ua/1' });
    expect(out.ConnectedAt).toBeInstanceOf(Date);
    expect(out.LastActiveAt!.getTime()).toBeGreaterThanOrEqual(out.ConnectedAt!.getTime());
    ws.close();
  });

  it('DeleteConnection answers 204, closes the client with 1000 and runs $disconnect with 1000', async () => {
    const { ws, connectionId } = await connect();
    const clientClose = closed(ws);
    const out = await managementClient(gw.address).send(
      new DeleteConnectionCommand({ ConnectionId: connectionId }),
    );
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect((await clientClose).code).toBe(1000);
    const { event } = await gw.waitForInvocation('disconnect');
    expect(event.requestContext).toMatchObject({
      disconnectStatusCode: 1000,
      disconnectReason: 'Connection Closed Normally',
    });
  });

  it('answers GoneException (410) for an unknown or closed connection', async () => {
    const client = managementClient(gw.address);
    const { ws, connectionId } = await connect();
    ws.close();
    await gw.waitForInvocation('disconnect');
    for (const id of ['AAAAAAAAAAAAAAA=', connectionId]) {
      const error = await client
        .send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x' }))
        .catch((e) => e);
      expect(error.name).toBe('GoneException');
      expect(error.$metadata.httpStatusCode).toBe(410);
    }
    const getError = await client
      .send(new GetConnectionCommand({ ConnectionId: connectionId }))
      .catch((e) => e);
    expect(getError.name).toBe('GoneException');
  });

  it('answers PayloadTooLargeException (413) over 131072 bytes', async () => {
    const { ws, connectionId } = await connect();
    const client = managementClient(gw.address);
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(131072) }));
    const error = await client
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(131073) }))
      .catch((e) => e);
    expect(error.name).toBe('PayloadTooLargeException');
    expect(error.$metadata.httpStatusCode).toBe(413);
    ws.close();
  });

  it('answers ForbiddenException (403) to wrong credentials and to unsigned requests', async () => {
    const { ws, connectionId } = await connect();
    const wrongSecret = managementClient(gw.address, { accessKeyId: 'local', secretAccessKey: 'nope' });
    const wrongKey = managementClient(gw.address, { accessKeyId: 'other', secretAccessKey: 'local' });
    for (const client of [wrongSecret, wrongKey]) {
      const error = await client
        .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x' }))
        .catch((e) => e);
      expect(error.name).toBe('ForbiddenException');
    }
    const unsigned = await fetch(`${gw.address.connectionUrl}/${encodeURIComponent(connectionId)}`, {
      method: 'POST',
      body: 'x',
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    ws.close();
  });

  it('answers ForbiddenException (403) to a path without the stage or on another stage, as API Gateway does', async () => {
    const { ws, connectionId } = await connect();
    const frames: string[] = [];
    ws.on('message', (data) => frames.push(data.toString()));
    const origin = `http://127.0.0.1:${gw.address.port}`;
    // The SDK mistakes a handler makes: the endpoint without the stage, or with another stage.
    for (const endpoint of [origin, `${origin}/prod`]) {
      const client = managementClient({ ...gw.address, connectionsEndpoint: endpoint });
      for (const command of [
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x' }),
        new GetConnectionCommand({ ConnectionId: connectionId }),
        new DeleteConnectionCommand({ ConnectionId: connectionId }),
      ]) {
        const error = await client.send(command as PostToConnectionCommand).catch((e) => e);
        expect(error.name).toBe('ForbiddenException');
        expect(error.$metadata.httpStatusCode).toBe(403);
      }
    }
    const raw = await fetch(`${origin}/%40connections/${encodeURIComponent(connectionId)}`, {
      method: 'POST',
      body: 'x',
    });
    expect(raw.status).toBe(403);
    expect(raw.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(await raw.text()).toBe('{"message":"Forbidden"}');
    // Nothing reached the client, and the connection is still there on the right stage.
    const out = await managementClient(gw.address).send(
      new GetConnectionCommand({ ConnectionId: connectionId }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(frames).toEqual([]);
    ws.close();
  });

  /**
   * Signs as botocore and other non-JS SDKs do for execute-api: no X-Amz-Content-Sha256 header,
   * so the body is covered by the signature alone.
   */
  async function postSignedWithoutContentHash(
    connectionId: string,
    signedBody: string,
    sentBody = signedBody,
  ) {
    const url = new URL(`${gw.address.connectionUrl}/${encodeURIComponent(connectionId)}`);
    const signer = new SignatureV4({
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      region: 'us-east-1',
      service: 'execute-api',
      sha256: Hash.bind(null, 'sha256'),
      applyChecksum: false,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body: signedBody,
    });
    const { host: _host, ...headers } = signed.headers;
    return fetch(url, { method: 'POST', headers, body: sentBody });
  }

  it('accepts a request signed without X-Amz-Content-Sha256, and refuses it once the body is altered', async () => {
    const { ws, connectionId } = await connect();
    const received = nextMessage(ws);

    const accepted = await postSignedWithoutContentHash(connectionId, '{"signed":"elsewhere"}');
    const altered = await postSignedWithoutContentHash(connectionId, '{"signed":"body"}', '{"other":"body"}');

    expect(accepted.status).toBe(200);
    expect(await received).toBe('{"signed":"elsewhere"}');
    expect(altered.status).toBe(403);
    expect(altered.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    ws.close();
  });
});

describe('@connections API and a slow consumer', () => {
  it('answers LimitExceededException (429) once the client send buffer is over the bound', async () => {
    const gw = await startTestGateway(
      { functions: { connect: { routes: ['$connect'] } } },
      { connect: () => ({ statusCode: 200 }) },
      { limits: { maxBufferedBytes: 256 * 1024 } },
    );
    const ws = await openClient(gw.address.webSocketUrl);
    const { event } = await gw.waitForInvocation('connect');
    // The client stops reading: the kernel buffers fill, then the gateway's send buffer grows.
    (ws as unknown as { _socket: import('node:net').Socket })._socket.pause();
    const client = managementClient(gw.address);
    const data = 'x'.repeat(128 * 1024);
    let error: (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
    for (let i = 0; i < 400 && !error; i++) {
      error = await client
        .send(new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: data }))
        .then(
          () => undefined,
          (e) => e,
        );
    }
    expect(error?.name).toBe('LimitExceededException');
    expect(error?.$metadata?.httpStatusCode).toBe(429);
    ws.terminate();
    await gw.close();
  });
});
