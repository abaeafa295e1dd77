import { handshakeStatus, openClient } from '../src/testing/index.js';
import type { FakeHandler } from './support/fake-runtime.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const allow = (resource: string, context: Record<string, unknown> = {}) => ({
  principalId: 'user-1',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
  },
  context,
});

function start(auth: FakeHandler): Promise<TestGateway> {
  return startTestGateway(
    {
      authorizer: { function: 'auth', identitySources: ['route.request.querystring.token'] },
      functions: {
        auth: {},
        connect: { routes: ['$connect'] },
        msg: { routes: ['$default'] },
        disconnect: { routes: ['$disconnect'] },
      },
    },
    { auth, connect: () => ({ statusCode: 200 }), msg: () => ({}), disconnect: () => ({}) },
  );
}

describe('Lambda authorizer on $connect', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('answers 401 without invoking the authorizer when an identity source is missing or empty', async () => {
    gw = await start(() => allow('*'));
    expect(await handshakeStatus(gw.address.webSocketUrl)).toBe(401);
    expect(await handshakeStatus(`${gw.address.webSocketUrl}?token=`)).toBe(401);
    expect(gw.invocations).toEqual([]);
  });

  it('gives the authorizer a REQUEST event with the methodArn', async () => {
    gw = await start(() => allow('*'));
    const ws = await openClient(`${gw.address.webSocketUrl}?token=t1`);
    const { event } = await gw.waitForInvocation('auth');
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:000000000000:switchboard/dev/$connect',
      queryStringParameters: { token: 't1' },
      stageVariables: {},
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', identity: { sourceIp: '127.0.0.1' } },
    });
    ws.close();
  });

  it.each([
    ['an Unauthorized error', 401],
    ['another error', 500],
  ])('answers %s with %i, without $connect', async (_name, status) => {
    gw = await start(() => {
      throw new Error(status === 401 ? 'Unauthorized' : 'database down');
    });
    expect(await handshakeStatus(`${gw.address.webSocketUrl}?token=t`)).toBe(status);
    expect(gw.invocations.map((i) => i.functionName)).toEqual(['auth']);
  });

  it.each([
    [
      'a Deny policy',
      {
        ...allow('*'),
        policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: '*' }] },
      },
    ],
    [
      'an Allow for another resource',
      allow('arn:aws:execute-api:us-east-1:000000000000:switchboard/prod/*/*'),
    ],
    [
      'an Allow for */* under the stage',
      allow('arn:aws:execute-api:us-east-1:000000000000:switchboard/dev/*/*'),
    ],
  ])('answers 403 to %s', async (_name, result) => {
    gw = await start(() => result);
    expect(await handshakeStatus(`${gw.address.webSocketUrl}?token=t`)).toBe(403);
  });

  it('puts the stringified context in requestContext.authorizer of every later event', async () => {
    gw = await start(() =>
      allow('arn:aws:execute-api:us-east-1:000000000000:switchboard/dev/$connect', {
        userId: 'u1',
        admin: true,
        level: 3,
      }),
    );
    const ws = await openClient(`${gw.address.webSocketUrl}?token=t`);
    ws.send('hi');
    await gw.waitForInvocation('msg');
    ws.close();
    await gw.waitForInvocation('disconnect');
    const expected = { principalId: 'user-1', userId: 'u1', admin: 'true', level: '3' };
    for (const name of ['connect', 'msg', 'disconnect']) {
      expect((await gw.waitForInvocation(name)).event.requestContext.authorizer).toEqual(expected);
    }
  });
});
