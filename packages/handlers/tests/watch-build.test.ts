/**
 * `scripts/build.mjs --watch`, what `pnpm dev` runs: incremental esbuild rebuilds of a scratch
 * copy of this package (scripts/scratch-app.mjs; the real src/ is never edited), outputs written
 * atomically, the manifest re-evaluated when its module changes.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const packageDir = resolve(__dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the watch build', () => {
  let app: string;
  let out: string;
  let builder: ChildProcess;
  let stdout: string[] = [];
  let stderr = '';
  const read = (path: string) => readFileSync(join(app, path), 'utf8');
  const write = (path: string, text: string) => writeFileSync(join(app, path), text);
  const bundle = (name: string) => join(out, 'functions', name, 'index.mjs');
  const waitForLine = async (match: RegExp, maxMs = 60_000) => {
    for (let waitedMs = 0; !stdout.some((line) => match.test(line)); waitedMs += 25) {
      if (waitedMs > maxMs) throw new Error(`no line ${match} in:\n${stdout.join('\n')}\n${stderr}`);
      await sleep(25);
    }
  };
  /** Clears what was printed, so the next wait is for the next round. */
  const nextRound = () => {
    stdout = [];
    stderr = '';
  };

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'handlers-watch-'));
    out = join(app, 'dist');
    execFileSync(process.execPath, [join(packageDir, 'scripts/scratch-app.mjs'), app]);
    builder = spawn(process.execPath, ['scripts/build.mjs', '--watch', '--app', app, '--out', out], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    builder.stdout!.on('data', (chunk: Buffer) => stdout.push(...chunk.toString().split('\n')));
    builder.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await waitForLine(/^handlers: watching for changes$/, 120_000);
  }, 150_000);
  afterAll(() => {
    builder?.kill('SIGTERM');
    rmSync(app, { recursive: true, force: true });
  });

  it('rebuilds only the function whose source changed, and never leaves a bundle missing', async () => {
    const names = Object.keys(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).functions);
    const mtimes = new Map(names.map((name) => [name, statSync(bundle(name)).mtimeMs]));
    // A reader polling every file the gateway would import, for the whole rebuild.
    let missing = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        for (const name of names) if (!existsSync(bundle(name))) missing++;
        JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
        await sleep(1);
      }
    })();
    nextRound();
    write(
      'src/routes/ping.ts',
      read('src/routes/ping.ts').replace("type: 'pong' }", "type: 'pong', edit: 1 }"),
    );
    await waitForLine(/^handlers: rebuilt ping in \d+ ms/);
    reading = false;
    await reader;

    expect(missing).toBe(0);
    expect(readFileSync(bundle('ping'), 'utf8')).toContain('edit:1');
    for (const name of names.filter((n) => n !== 'ping')) {
      expect([name, statSync(bundle(name)).mtimeMs]).toEqual([name, mtimes.get(name)]);
    }
  });

  it('adds a function when its manifest line and route file appear', async () => {
    nextRound();
    write(
      'src/routes/shout.ts',
      "export const shout = () => async (ctx: { message: { requestId?: string } }) => ({ reply: { type: 'shouted', requestId: ctx.message.requestId } });\n",
    );
    write(
      'src/app-functions.ts',
      read('src/app-functions.ts').replace(
        "  ping: { routes: ['ping'], routeResponse: true, permissions: [] },",
        "  ping: { routes: ['ping'], routeResponse: true, permissions: [] },\n  shout: { routes: ['shout'], routeResponse: true, permissions: [] },",
      ),
    );
    await waitForLine(/^handlers: rebuilt .*shout.* in \d+ ms/);

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.functions.shout).toMatchObject({ routes: ['shout'], routeResponse: true });
    expect(readFileSync(bundle('shout'), 'utf8')).toContain('shouted');
  });

  it('keeps manifest.json when the manifest does not validate, and says why once', async () => {
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    nextRound();
    write(
      'src/app-functions.ts',
      read('src/app-functions.ts').replace(
        "  shout: { routes: ['shout']",
        "  'bad-name': { permissions: [] },\n  shout: { routes: ['shout']",
      ),
    );
    await waitForLine(/^handlers: build failed in \d+ ms/);

    expect(stderr.match(/bad-name/g)).toHaveLength(1);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    // Bundles import app-functions.ts too: none of them was rewritten from the invalid one.
    expect(readFileSync(bundle('rooms'), 'utf8')).not.toContain('bad-name');
  });

  it('prints a syntax error with its file and line once, and writes nothing', async () => {
    const ping = readFileSync(bundle('ping'), 'utf8');
    nextRound();
    // message-function.ts is in every message function's bundle: one error, not one per bundle.
    write('src/compose/message-function.ts', `${read('src/compose/message-function.ts')}\nconst = 1;\n`);
    await waitForLine(/^handlers: build failed in \d+ ms/);

    expect(stderr.match(/src\/compose\/message-function\.ts:\d+:\d+:/g)).toHaveLength(1);
    expect(readFileSync(bundle('ping'), 'utf8')).toBe(ping);
  });
});
