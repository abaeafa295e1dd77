import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGateway, type GatewayAddress } from '../src/index.js';
import { SIGNING_SECRET_FILE } from '../src/local-auth/index.js';
import { buildCli } from './support/build-cli.js';
import { httpsStatus } from './support/https-status.js';

// The local signing secret, the token endpoint and `switchboard token`. That the reference app's
// authorizer accepts these tokens as their user is in reference-app.test.ts.
const manifest = join(__dirname, 'fixtures', 'env-probe', 'manifest.json');
let cli: string | undefined;
const runCli = (...args: string[]) => {
  cli ??= buildCli();
  return promisify(execFile)(process.execPath, [cli, ...args]);
};

/** Whether `token` is an HS256 JWT for `secret` naming `sub`. */
function isSignedFor(token: string, secret: string, sub: string): boolean {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string; exp: number };
  return signature === expected && claims.sub === sub && claims.exp > Date.now() / 1000;
}

/** A GET of the token endpoint with a chosen Host header (fetch cannot set one). */
function getToken(address: GatewayAddress, path: string, host = `127.0.0.1:${address.port}`, method = 'GET') {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: address.port, path, method, headers: { host } }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
    });
    req.on('error', reject).end();
  });
}

describe('the local signing secret', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-auth-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is kept in --data-dir across restarts, readable by its user only, and `switchboard token --data-dir` signs with it', async () => {
    const dataDir = join(dir, 'data');
    const first = createGateway({ manifest, port: 0, dataDir });
    const { signingSecret } = await first.listen();
    await first.close();
    const second = createGateway({ manifest, port: 0, dataDir });
    expect((await second.listen()).signingSecret).toBe(signingSecret);
    await second.close();
    expect(statSync(join(dataDir, SIGNING_SECRET_FILE)).mode & 0o777).toBe(0o600);

    const { stdout } = await runCli('token', '--user', 'carol', '--data-dir', dataDir);
    expect(isSignedFor(stdout.trim(), signingSecret, 'carol')).toBe(true);
  });

  it('is new for every gateway without a data dir', async () => {
    const [a, b] = [createGateway({ manifest, port: 0 }), createGateway({ manifest, port: 0 })];
    const [first, second] = await Promise.all([a.listen(), b.listen()]);
    expect(first.signingSecret).not.toBe(second.signingSecret);
    await Promise.all([a.close(), b.close()]);
  });

  it('says what to do when the data dir has no secret yet', async () => {
    await expect(runCli('token', '--user', 'carol', '--data-dir', join(dir, 'empty'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('start `switchboard dev --data-dir'),
    });
  });
});

describe('the token endpoint', () => {
  let gateway: ReturnType<typeof createGateway>;
  let address: GatewayAddress;
  beforeAll(async () => {
    gateway = createGateway({ manifest, port: 0 });
    address = await gateway.listen();
  });
  afterAll(() => gateway.close());

  it("hands this machine a token for the running gateway's secret", async () => {
    const { status, body } = await getToken(address, '/@switchboard/token?user=dave');
    expect(status).toBe(200);
    expect(body.userId).toBe('dave');
    expect(isSignedFor(String(body.token), address.signingSecret, 'dave')).toBe(true);
  });

  it('refuses a request for another host name (DNS rebinding), a missing user, and other methods', async () => {
    expect((await getToken(address, '/@switchboard/token?user=dave', 'evil.example:80')).status).toBe(403);
    expect((await getToken(address, '/@switchboard/token')).status).toBe(400);
    expect((await getToken(address, '/@switchboard/token?user=has%20space')).status).toBe(400);
    expect((await getToken(address, '/@switchboard/token?user=dave', undefined, 'POST')).status).toBe(405);
  });

  it('is what `switchboard token` asks, given any URL the gateway printed', async () => {
    const { stdout } = await runCli('token', '--user', 'erin', '--url', address.connectionUrl);
    expect(isSignedFor(stdout.trim(), address.signingSecret, 'erin')).toBe(true);
  });

  it('is not served on the HTTPS listener that functions reach', async () => {
    const status = await httpsStatus(address, '/@switchboard/token?user=dave');
    expect(status).toBe(404);
  });
});

describe('switchboard token', () => {
  it('says where it looked when no gateway runs', async () => {
    await expect(runCli('token', '--user', 'x', '--url', 'http://127.0.0.1:9')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No gateway answers at http://127.0.0.1:9'),
    });
  });

  it('asks for a user', async () => {
    await expect(runCli('token')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('name the user with --user ID'),
    });
  });
});
