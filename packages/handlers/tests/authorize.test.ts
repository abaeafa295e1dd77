import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createAuthorizeFunction } from '../src/compose/authorize.js';
import { ConfigError } from '../src/errors.js';
import { makeAuthorizerEvent, memoryLogger } from './support/events.js';

const secret = 'a-test-secret-of-at-least-32-bytes!!';
const hsToken = (claims: Record<string, unknown>, options: { expiresIn?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(secret));

describe('authorize (REQUEST authorizer)', () => {
  it('allows a valid token from ?token= for exactly the methodArn, with userId in the context', async () => {
    const logger = memoryLogger();
    const handler = createAuthorizeFunction({ JWT_SECRET: secret }, logger);
    const event = makeAuthorizerEvent({ token: await hsToken({ sub: 'alice' }) });

    const result = await handler(event);

    expect(result).toEqual({
      principalId: 'alice',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      context: { userId: 'alice', guest: false },
    });
    expect(logger.lines).toEqual([
      expect.objectContaining({ fn: 'authorize', outcome: 'ok', userId: 'alice' }),
    ]);
  });

  it('reads an Authorization: Bearer header too', async () => {
    const handler = createAuthorizeFunction({ JWT_SECRET: secret }, memoryLogger());
    const result = await handler(
      makeAuthorizerEvent({ authorization: `Bearer ${await hsToken({ sub: 'bob' })}` }),
    );
    expect(result.context.userId).toBe('bob');
  });

  it('lets guests in with a generated id under AUTH_MODE=optional', async () => {
    const handler = createAuthorizeFunction({ AUTH_MODE: 'optional' }, memoryLogger());
    const first = await handler(makeAuthorizerEvent({}));
    const second = await handler(makeAuthorizerEvent({}));
    expect(first.context).toEqual({ userId: expect.stringMatching(/^guest-/), guest: true });
    expect(first.context.userId).not.toBe(second.context.userId);
  });

  it('refuses guests with "Unauthorized" (401) under AUTH_MODE=required, the default', async () => {
    const logger = memoryLogger();
    const handler = createAuthorizeFunction({ JWT_SECRET: secret }, logger);
    await expect(handler(makeAuthorizerEvent({}))).rejects.toThrow(/^Unauthorized$/);
    expect(logger.lines[0]).toMatchObject({ outcome: 'rejected', reason: 'no token (AUTH_MODE=required)' });
  });

  it.each([
    ['a wrong signature', async () => `${(await hsToken({ sub: 'eve' })).slice(0, -4)}AAAA`],
    ['an expired token', () => hsToken({ sub: 'eve' }, { expiresIn: '-1m' })],
    ['a token without sub', () => hsToken({})],
  ])('refuses %s even in optional mode (never downgraded to a guest)', async (_label, makeToken) => {
    const handler = createAuthorizeFunction({ AUTH_MODE: 'optional', JWT_SECRET: secret }, memoryLogger());
    await expect(handler(makeAuthorizerEvent({ token: await makeToken() }))).rejects.toThrow(
      /^Unauthorized$/,
    );
  });

  it('rejects a bad AUTH_MODE at cold start', () => {
    expect(() => createAuthorizeFunction({ AUTH_MODE: 'maybe' })).toThrow(ConfigError);
  });

  describe('with JWKS_URL (a real HTTP server on port 0)', () => {
    let server: Server;
    let jwksUrl: string;
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

    beforeAll(async () => {
      const pair = await generateKeyPair('ES256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('verifies a token signed by a key of the set, and checks issuer and audience', async () => {
      const handler = createAuthorizeFunction(
        { JWKS_URL: jwksUrl, JWT_ISSUER: 'https://issuer.test', JWT_AUDIENCE: 'switchboard' },
        memoryLogger(),
      );
      const sign = (iss: string) =>
        new SignJWT({ sub: 'carol' })
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .setIssuer(iss)
          .setAudience('switchboard')
          .setExpirationTime('5m')
          .sign(privateKey);

      expect(
        (await handler(makeAuthorizerEvent({ token: await sign('https://issuer.test') }))).principalId,
      ).toBe('carol');
      await expect(handler(makeAuthorizerEvent({ token: await sign('https://other.test') }))).rejects.toThrow(
        'Unauthorized',
      );
    });
  });
});
