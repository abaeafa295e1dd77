import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGateway } from '../src/index.js';
import { openTestClient, sleep } from '../src/testing/index.js';
import { buildCli } from './support/build-cli.js';

// Variables for functions from the shell (`--env NAME`), `--env NAME=VALUE` and an env file,
// through `switchboard dev` as a developer runs it, into a real function's process.env.
const manifest = join(__dirname, 'fixtures', 'env-probe', 'manifest.json');
const names = [
  'FROM_MANIFEST',
  'OVERRIDDEN_BY_FILE',
  'FROM_FILE',
  'OVERRIDDEN_BY_FLAG',
  'FROM_SHELL',
  'SET_BY_FLAG',
  'NOT_PASSED',
  'SIGNING_KEY',
];
let cli: string;
let dir: string;
beforeAll(() => {
  cli = buildCli();
  dir = mkdtempSync(join(tmpdir(), 'switchboard-env-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const child = spawn(process.execPath, [cli, 'dev', '--manifest', manifest, '--port', '0', ...args], {
    cwd: options.cwd ?? dir,
    env: { ...process.env, DYNAMODB_ENDPOINT: '', ...options.env },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return { child, exited, stderr: () => stderr };
}

/** The URL lines, then what the probe function sees for `names`. */
async function probe(child: ChildProcessWithoutNullStreams) {
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  // The URL lines, `Web page:` when apps/web is built, `Inspector:`, then `Tokens:`.
  const printed: string[] = [];
  while (!printed.at(-1)?.startsWith('Tokens: ')) printed.push((await lines.next()).value as string);
  const client = await openTestClient(printed[0]!.slice('WebSocket URL: '.length));
  client.send({ action: 'env', names });
  const reply = await client.waitFor((frame) => frame.json !== undefined, 15_000);
  client.ws.close();
  return { printed, env: reply.json as Record<string, string | null> };
}

describe('variables for functions', () => {
  it('layers the manifest, the env file, then --env; passes only the shell variables named', async () => {
    const envFile = join(dir, 'vars.env');
    writeFileSync(
      envFile,
      'FROM_FILE=file\nOVERRIDDEN_BY_FILE=file\n# a comment\nOVERRIDDEN_BY_FLAG="file"\n',
    );
    const { child, exited } = run(
      [
        '--env-file',
        envFile,
        '--env',
        'FROM_SHELL',
        '--env',
        'SET_BY_FLAG=flag',
        '--env',
        'OVERRIDDEN_BY_FLAG=flag',
      ],
      { env: { FROM_SHELL: 'shell', NOT_PASSED: 'the whole shell does not leak in' } },
    );
    const { printed, env } = await probe(child).finally(() => child.kill('SIGINT'));
    expect(env).toEqual({
      FROM_MANIFEST: 'manifest',
      OVERRIDDEN_BY_FILE: 'file',
      FROM_FILE: 'file',
      OVERRIDDEN_BY_FLAG: 'flag',
      FROM_SHELL: 'shell',
      SET_BY_FLAG: 'flag',
      NOT_PASSED: null,
      SIGNING_KEY: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    // A function reads the signing secret, so the gateway says how to get a token.
    const port = /:(\d+)\//.exec(printed[0]!)![1];
    expect(printed.at(-1)).toBe(
      `Tokens: switchboard token --user <id> --url http://127.0.0.1:${port}, then ws://127.0.0.1:${port}/dev?token=<token>`,
    );
    expect(await exited).toBe(0);
  });

  it(`reads ${'.env.local'} from the working folder when no --env-file is given`, async () => {
    const cwd = mkdtempSync(join(dir, 'project-'));
    writeFileSync(join(cwd, '.env.local'), 'FROM_FILE=default file\n');
    const { child, exited } = run([], { cwd });
    const { env } = await probe(child).finally(() => child.kill('SIGINT'));
    expect(env.FROM_FILE).toBe('default file');
    expect(env.OVERRIDDEN_BY_FILE).toBe('manifest');
    expect(await exited).toBe(0);
  });

  it('refuses --env NAME when the shell has no NAME', async () => {
    const { exited, stderr } = run(['--env', 'NO_SUCH_VARIABLE_HERE']);
    expect(await exited).toBe(2);
    expect(stderr()).toContain(
      '--env NO_SUCH_VARIABLE_HERE: the shell has no variable NO_SUCH_VARIABLE_HERE',
    );
  });

  it('refuses a variable the gateway sets, naming it', async () => {
    const gateway = createGateway({
      manifest,
      port: 0,
      environment: { AWS_ENDPOINT_URL_DYNAMODB: 'http://aws' },
    });
    await expect(gateway.listen()).rejects.toThrow(
      /variable AWS_ENDPOINT_URL_DYNAMODB is set by the gateway/,
    );
    await gateway.close();
  });
});

describe('variables for functions after a live manifest reload', () => {
  it('keeps the signing secret and the --env variables when the manifest changes', async () => {
    const appDir = mkdtempSync(join(dir, 'live-'));
    for (const file of ['manifest.json', 'probe.mjs'])
      copyFileSync(join(__dirname, 'fixtures', 'env-probe', file), join(appDir, file));
    const gateway = createGateway({
      manifest: join(appDir, 'manifest.json'),
      port: 0,
      watchBundles: true,
      environment: { SET_BY_FLAG: 'flag' },
    });
    const address = await gateway.listen();
    const client = await openTestClient(address.webSocketUrl);
    const ask = async () => {
      const seen = client.frames.length;
      client.send({ action: 'env', names: ['FROM_MANIFEST', 'SET_BY_FLAG', 'SIGNING_KEY'] });
      await client.waitFor(() => client.frames.length > seen, 5000);
      return client.frames.at(-1)!.json as Record<string, string | null>;
    };
    try {
      expect(await ask()).toEqual({
        FROM_MANIFEST: 'manifest',
        SET_BY_FLAG: 'flag',
        SIGNING_KEY: address.signingSecret,
      });
      const changed = JSON.parse(readFileSync(join(appDir, 'manifest.json'), 'utf8'));
      changed.functions.probe.environment.FROM_MANIFEST = 'changed';
      writeFileSync(join(appDir, 'manifest.json.tmp'), JSON.stringify(changed));
      renameSync(join(appDir, 'manifest.json.tmp'), join(appDir, 'manifest.json'));
      let env = await ask();
      for (let tries = 0; env.FROM_MANIFEST !== 'changed' && tries < 100; tries++) {
        await sleep(50);
        env = await ask();
      }
      expect(env).toEqual({
        FROM_MANIFEST: 'changed',
        SET_BY_FLAG: 'flag',
        SIGNING_KEY: address.signingSecret,
      });
    } finally {
      client.ws.close();
      await gateway.close();
    }
  });
});
