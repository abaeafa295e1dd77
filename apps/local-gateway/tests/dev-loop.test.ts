/**
 * The dev loop end to end, as `pnpm dev` runs it: the reference app's watch build
 * (`packages/handlers/scripts/build.mjs --watch`, real esbuild) over a scratch copy of its
 * sources, and a gateway watching the build's output. Steady traffic runs across several saves
 * of a handler; not one reply may fail or go missing, `$disconnect` included.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type WebSocket from 'ws';
import { createGateway, type Gateway } from '../src/index.js';
import { openClient, sleep } from '../src/testing/index.js';

const handlersDir = dirname(createRequire(__filename).resolve('@switchboard/handlers/package.json'));

/** A client that pings in a loop, one at a time, and counts what came back. */
function pinger(ws: WebSocket, prefix: string) {
  const stats = { sent: 0, answered: 0, failed: 0, lost: 0, edits: new Set<number>() };
  const waiting = new Map<string, (frame: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    if (frame.message === 'Internal server error') stats.failed++;
    waiting.get(String(frame.requestId))?.(frame);
  });
  let running = true;
  const loop = (async () => {
    while (running) {
      const requestId = `${prefix}-${stats.sent++}`;
      const frame = await new Promise<Record<string, unknown> | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), 10_000);
        waiting.set(requestId, (f) => {
          clearTimeout(timer);
          resolve(f);
        });
        ws.send(JSON.stringify({ action: 'ping', requestId }));
      });
      waiting.delete(requestId);
      if (!frame) stats.lost++;
      else if (frame.type === 'pong') {
        stats.answered++;
        stats.edits.add(Number(frame.edit ?? 0));
      }
      await sleep(5);
    }
  })();
  const stop = async () => {
    running = false;
    await loop;
  };
  return { stats, stop };
}

describe('the dev loop: save a handler under steady traffic', () => {
  let app: string;
  let builder: ChildProcess;
  let gateway: Gateway;
  let webSocketUrl: string;
  const builderOut: string[] = [];
  let builderErr = '';
  const gatewayLog: string[] = [];
  const pingSource = () => join(app, 'src/routes/ping.ts');
  const original = () => readFileSync(join(handlersDir, 'src/routes/ping.ts'), 'utf8');
  /** The ping route with `edit: n` in its reply, as a developer would save it. */
  const saveEdit = (n: number) =>
    writeFileSync(pingSource(), original().replace("type: 'pong' }", `type: 'pong', edit: ${n} }`));
  const waitFor = async (what: string, done: () => boolean, maxMs = 60_000) => {
    for (let waitedMs = 0; !done(); waitedMs += 50) {
      if (waitedMs > maxMs) throw new Error(`gave up waiting for ${what}`);
      await sleep(50);
    }
  };

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'switchboard-dev-loop-'));
    execFileSync(process.execPath, [join(handlersDir, 'scripts/scratch-app.mjs'), app]);
    builder = spawn(
      process.execPath,
      [join(handlersDir, 'scripts/build.mjs'), '--watch', '--app', app, '--out', join(app, 'dist')],
      { cwd: handlersDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    builder.stdout!.on('data', (chunk: Buffer) => builderOut.push(...chunk.toString().split('\n')));
    builder.stderr!.on('data', (chunk: Buffer) => {
      builderErr += chunk.toString();
    });
    await waitFor('the first build', () => builderOut.includes('handlers: watching for changes'), 120_000);
    gateway = createGateway({
      manifest: join(app, 'dist/manifest.json'),
      port: 0,
      watchBundles: true,
      log: (line) => gatewayLog.push(line),
    });
    ({ webSocketUrl } = await gateway.listen());
  }, 180_000);
  afterAll(async () => {
    builder?.kill('SIGTERM');
    await gateway?.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('answers every request across three rebuilds, on the new code after each', async () => {
    const clients = await Promise.all([1, 2, 3].map(() => openClient(webSocketUrl)));
    const pingers = clients.map((ws, i) => pinger(ws, `c${i}`));
    // Connections opened and closed throughout: their $disconnect runs during rebuilds too.
    let churning = true;
    let churned = 0;
    const churn = (async () => {
      while (churning) {
        const ws = await openClient(webSocketUrl);
        ws.close();
        churned++;
        await sleep(20);
      }
    })();

    for (const edit of [1, 2, 3]) {
      saveEdit(edit);
      await waitFor(`edit ${edit} to be live`, () => pingers.every((p) => p.stats.edits.has(edit)));
    }
    churning = false;
    await churn;
    await Promise.all(pingers.map((p) => p.stop()));
    for (const ws of clients) ws.close();
    const disconnects = () => gatewayLog.filter((line) => line.startsWith('$disconnect ')).length;
    await waitFor('every $disconnect', () => disconnects() >= churned + clients.length);

    const totals = pingers.reduce(
      (sum, p) => ({
        answered: sum.answered + p.stats.answered,
        failed: sum.failed + p.stats.failed,
        lost: sum.lost + p.stats.lost,
      }),
      { answered: 0, failed: 0, lost: 0 },
    );
    expect(totals).toMatchObject({ failed: 0, lost: 0 });
    expect(totals.answered).toBeGreaterThan(30);
    expect(churned).toBeGreaterThan(3);
    // Every invocation's status: a statusCode or `-`, never error, timeout or crash.
    expect(gatewayLog.filter((line) => /^\S+ \S+ (error|timeout|crash) /.test(line))).toEqual([]);
    expect(gatewayLog.filter((line) => line.startsWith('bundles changed: ping'))).toHaveLength(3);
  }, 180_000);

  it('keeps serving the last good bundle through a syntax error, and prints the error once', async () => {
    const ws = await openClient(webSocketUrl);
    const client = pinger(ws, 'e');
    writeFileSync(pingSource(), `${original()}\nexport const broken = ;\n`);
    await waitFor('the build error', () =>
      builderOut.some((line) => line.startsWith('handlers: build failed')),
    );
    await sleep(300);
    await client.stop();
    ws.close();

    expect(builderErr.match(/src\/routes\/ping\.ts:\d+:\d+/g)).toHaveLength(1);
    expect(builderErr).toContain('export const broken = ;');
    expect(client.stats).toMatchObject({ failed: 0, lost: 0 });
    // Still the last good build: the third edit.
    expect([...client.stats.edits]).toEqual([3]);
  }, 120_000);
});
