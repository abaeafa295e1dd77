import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildCli } from './support/build-cli.js';
import { closed, nextMessage, openClient } from '../src/testing/index.js';

const manifest = join(__dirname, 'fixtures', 'echo', 'manifest.json');
const slowDisconnect = join(__dirname, 'fixtures', 'slow-disconnect', 'manifest.json');
const webDir = join(__dirname, 'fixtures', 'web');
let cli: string;
beforeAll(() => {
  cli = buildCli();
});

function run(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cli, ...args], { env: { ...process.env, DYNAMODB_ENDPOINT: '', ...env } });
}

/** The command line a process runs now (Linux), e.g. after it re-ran itself with execve. */
const commandLineOf = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
const environmentOf = (pid: number): string[] => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
const onLinux = existsSync('/proc/self/cmdline') ? it : it.skip;

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('switchboard dev', () => {
  it('prints the two URLs, the page and the inspector, logs invocations, and on SIGINT closes clients with 1001 and exits 0', async () => {
    const child = run(['dev', '--manifest', manifest, '--port', '0', '--stage', 'test', '--web-dir', webDir]);
    const exited = exitOf(child);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = (await lines.next()).value as string;
    const second = (await lines.next()).value as string;
    expect(first).toMatch(/^WebSocket URL: ws:\/\/127\.0\.0\.1:\d+\/test$/);
    const port = /:(\d+)\//.exec(first)![1];
    expect(second).toBe(`Connection URL: http://127.0.0.1:${port}/test/@connections`);
    // The page connects to its own host's default stage; another stage goes along as ?ws=.
    const third = (await lines.next()).value as string;
    expect(third).toBe(`Web page: http://127.0.0.1:${port}/?ws=ws://127.0.0.1:${port}/test`);
    const page = await fetch(third.slice('Web page: '.length));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('served by switchboard dev --web-dir');
    // On a loopback host the inspector is on, and its line follows the URL lines.
    expect((await lines.next()).value).toBe(`Inspector: http://127.0.0.1:${port}/@inspector/`);

    const ws = await openClient(first.slice('WebSocket URL: '.length));
    ws.send('{"action":"echo"}');
    const reply = JSON.parse(await nextMessage(ws, 10_000));
    expect(reply).toEqual({
      routeKey: 'echo',
      body: '{"action":"echo"}',
      connectionsEndpoint: `http://127.0.0.1:${port}/test`,
      region: 'us-east-1',
    });
    expect((await lines.next()).value).toMatch(/^echo [A-Za-z0-9_-]{15}= 200 \d+ms$/);

    const clientClose = closed(ws, 10_000);
    child.kill('SIGINT');
    expect((await clientClose).code).toBe(1001);
    expect((await lines.next()).value).toMatch(/^\$disconnect [A-Za-z0-9_-]{15}= 200 \d+ms$/);
    expect(await exited).toBe(0);
  });

  it('prints the page URL without ?ws= on the default stage', async () => {
    const child = run(['dev', '--manifest', manifest, '--port', '0', '--web-dir', webDir]);
    const exited = exitOf(child);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = (await lines.next()).value as string;
    const port = /:(\d+)\//.exec(first)![1];
    await lines.next();
    expect((await lines.next()).value).toBe(`Web page: http://127.0.0.1:${port}/`);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  onLinux(
    'runs the gateway in the same process, re-run with a capped young generation and malloc arenas',
    async () => {
      const child = run(['dev', '--manifest', manifest, '--port', '0'], {
        NODE_OPTIONS: '',
        MALLOC_ARENA_MAX: undefined,
      });
      const exited = exitOf(child);
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toMatch(/^WebSocket URL: /);
      // Same pid, so scripts that hold it (and signal it) are unaffected.
      const commandLine = commandLineOf(child.pid!);
      expect(commandLine.slice(1, 3)).toEqual(['--max-semi-space-size=4', cli]);
      expect(commandLine).toContain('--manifest');
      expect(environmentOf(child.pid!)).toContain('MALLOC_ARENA_MAX=2');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );

  onLinux('keeps the young-generation size a user set in NODE_OPTIONS', async () => {
    const child = run(['dev', '--manifest', manifest, '--port', '0'], {
      NODE_OPTIONS: '--max-semi-space-size=16',
    });
    const exited = exitOf(child);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toMatch(/^WebSocket URL: /);
    expect(commandLineOf(child.pid!).slice(1, 2)).toEqual([cli]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  /** Starts `switchboard dev` on the slow-$disconnect app with one client, then sends SIGINT. */
  async function stopWithSlowDisconnect() {
    const child = run(['dev', '--manifest', slowDisconnect, '--port', '0']);
    const exited = exitOf(child);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const url = ((await lines.next()).value as string).slice('WebSocket URL: '.length);
    const ws = await openClient(url);
    const clientClose = closed(ws, 10_000);
    const closing = new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk) => String(chunk).includes('closing connections') && resolve()),
    );
    child.kill('SIGINT');
    await closing;
    expect((await clientClose).code).toBe(1001);
    return { child, exited };
  }

  it('takes the same Ctrl-C forwarded again by a wrapper (npm exec, pnpm dev) as one, and waits for $disconnect', async () => {
    const { child, exited } = await stopWithSlowDisconnect();
    // What a wrapper does: it got the terminal's SIGINT too, and passes it on a moment later.
    child.kill('SIGINT');
    const forwardedAt = Date.now();
    expect(await exited).toBe(0);
    // It waited for the 3 s $disconnect handler.
    expect(Date.now() - forwardedAt).toBeGreaterThan(1500);
  });

  it('stops waiting for slow $disconnect handlers at a second Ctrl-C and exits 130', async () => {
    const { child, exited } = await stopWithSlowDisconnect();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
  });

  it('refuses a --web-dir that does not exist', async () => {
    const child = run(['dev', '--manifest', manifest, '--port', '0', '--web-dir', join(webDir, 'missing')]);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toContain(`--web-dir: no such folder "${join(webDir, 'missing')}"`);
  });

  it('refuses a state machine it cannot run with the reason and no stack trace', async () => {
    const child = run([
      'dev',
      '--manifest',
      join(__dirname, 'fixtures', 'bad-state-machine', 'manifest.json'),
      '--port',
      '0',
    ]);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    expect(await exitOf(child)).toBe(1);
    expect(stderr.trim()).toBe(
      'switchboard: State machine "notify": state "Queue": unsupported Task resource arn:aws:states:::sqs:sendMessage',
    );
  });

  it('refuses an unknown flag with a clear message and the usage', async () => {
    const child = run(['dev', '--port', '0', '--prot', '0']);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toContain("Unknown option '--prot'");
    expect(stderr).toContain('Usage: switchboard dev [options]');
  });
});

describe('switchboard dev start-up errors', () => {
  /** Runs the CLI until it exits; its exit code and everything it wrote to stderr. */
  async function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const child = run(args);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await exitOf(child);
    return { code, stderr };
  }

  /** One line on stderr and exit 1: what a user reads, with no stack trace. */
  function expectOneLine(result: { code: number | null; stderr: string }, line: string) {
    expect(result).toEqual({ code: 1, stderr: `switchboard: ${line}\n` });
  }

  it('names a port in use and says what to do', async () => {
    // What a second `pnpm dev` meets: the port held by the first.
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as import('node:net').AddressInfo).port;
    try {
      expectOneLine(
        await runToExit(['dev', '--manifest', manifest, '--port', String(port)]),
        `Port ${port} on 127.0.0.1 is already in use, probably by another switchboard dev: ` +
          'stop that one, or pass --port 0 to pick a free port.',
      );
    } finally {
      busy.close();
    }
  });

  it('refuses a --data-dir that is a file, or lies under one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-data-dir-'));
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    try {
      for (const dataDir of [file, join(file, 'inside')]) {
        expectOneLine(
          await runToExit(['dev', '--manifest', manifest, '--port', '0', '--data-dir', dataDir]),
          `Cannot keep data in --data-dir ${dataDir}: it, or a folder on its path, is a file. ` +
            'Pass a folder this user can write (it is created if missing), or leave --data-dir out to keep data in memory.',
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a --host that is not an address of this machine, or not a host at all', async () => {
    const runOn = (host: string) => runToExit(['dev', '--manifest', manifest, '--port', '0', '--host', host]);
    const what = 'such as 127.0.0.1 (the default) or 0.0.0.0 for every interface.';
    // 203.0.113.0/24 is TEST-NET-3: never an address of this machine.
    expectOneLine(
      await runOn('203.0.113.7'),
      `--host 203.0.113.7 is not an address of this machine: pass one it has, ${what}`,
    );
    // .invalid never resolves (RFC 6761).
    expectOneLine(
      await runOn('nope.invalid'),
      `--host nope.invalid does not resolve to an address: pass an address of this machine, ${what}`,
    );
    expectOneLine(
      await runOn('http://127.0.0.1'),
      'Invalid host "http://127.0.0.1": expected an address or a host name of this machine, such as 127.0.0.1 or 0.0.0.0.',
    );
  });
});
