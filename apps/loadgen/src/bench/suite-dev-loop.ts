// (8) Edit to live: the dev loop as `pnpm dev` runs it. The reference app's watch build
// (packages/handlers/scripts/build.mjs --watch) over a scratch copy of its sources, and
// `switchboard dev` (the real CLI, in its own process) on the build's manifest. A client sends
// one request at a time without pause; a handler file is saved, and the figure is the time from
// the save until a reply comes from the new code: for ping (a 15 KB bundle) and join (rooms, the
// biggest bundle, with the AWS SDK). Where the time goes, per save: the build's own
// split (esbuild's incremental rebuild; atomic write and rename), when the gateway logged the
// reload (the watcher's notice, after its 20 ms quiet time), and the rest (the new worker's
// start and import, and the first invoke).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { addFigure, addUnavailable, type BenchContext } from './context.js';
import type { Figure } from './figures.js';

const scenario = '8 dev loop';

/** What is saved: a small bundle (ping, 15 KB) and the biggest (rooms, SDK included, ~400 KB). */
const targets = [
  {
    key: 'ping',
    file: 'src/routes/ping.ts',
    fn: 'ping',
    message: { action: 'ping' },
    replace: ["type: 'pong' }", (edit: number) => `type: 'pong', edit: ${edit} }`],
  },
  {
    key: 'join',
    file: 'src/routes/join.ts',
    fn: 'rooms',
    message: { action: 'join', room: 'bench' },
    replace: [
      "type: 'joined', room: message.room }",
      (edit: number) => `type: 'joined', room: message.room, edit: ${edit} }`,
    ],
  },
] as const;
type Target = (typeof targets)[number];

const figuresOf = (t: Target) =>
  ({
    editToLive: {
      id: `devloop.${t.key}.editToLive`,
      scenario,
      label: `edit to live: save ${t.file.slice(4)} (${t.fn}) -> new reply`,
      unit: 'ms',
    },
    esbuild: {
      id: `devloop.${t.key}.esbuild`,
      scenario,
      label: '  of which esbuild incremental rebuild',
      unit: 'ms',
    },
    write: { id: `devloop.${t.key}.write`, scenario, label: '  of which write + rename', unit: 'ms' },
    notice: {
      id: `devloop.${t.key}.notice`,
      scenario,
      label: '  save -> gateway reloads (incl. the above)',
      unit: 'ms',
    },
    swap: {
      id: `devloop.${t.key}.swap`,
      scenario,
      label: '  reload -> reply (worker start, import, invoke)',
      unit: 'ms',
    },
  }) satisfies Record<string, Omit<Figure, 'stats'>>;
const allFigures = targets.flatMap((t) => Object.values(figuresOf(t)));

/** A child whose stdout lines are kept with the time each arrived. */
function startChild(command: string[], cwd: string) {
  const child: ChildProcess = spawn(process.execPath, command, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<{ at: number; text: string }> = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const at = performance.now();
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const text of parts) lines.push({ at, text });
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const waitFor = async (match: RegExp, since: number, maxMs: number) => {
    const deadline = performance.now() + maxMs;
    for (;;) {
      const line = lines.find((l) => l.at >= since && match.test(l.text));
      if (line) return line;
      if (performance.now() > deadline || child.exitCode !== null) {
        throw new Error(`no line ${match} within ${maxMs} ms; stderr: ${stderr.trim().slice(-300)}`);
      }
      await sleep(5);
    }
  };
  return { child, lines, waitFor };
}

/** Sends `message` one at a time until a reply carries `edit`; resolves with when that reply came. */
async function askUntil(
  ws: WebSocket,
  message: Record<string, unknown>,
  edit: number | undefined,
  maxMs: number,
): Promise<number> {
  const deadline = performance.now() + maxMs;
  let n = 0;
  for (;;) {
    const requestId = `e${edit}-${n++}`;
    const frame = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply within 5 s')), 5000);
      const onMessage = (data: WebSocket.RawData) => {
        const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
        if (parsed.requestId !== requestId && parsed.message === undefined) return;
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve(parsed);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ ...message, requestId }));
    });
    if (frame.message !== undefined || frame.type === 'error') {
      throw new Error(`the gateway answered ${JSON.stringify(frame)}`);
    }
    if (frame.edit === edit) return performance.now();
    if (performance.now() > deadline) throw new Error(`edit ${edit} not live after ${maxMs} ms`);
  }
}

export async function runDevLoop(ctx: BenchContext, unavailable: string | undefined): Promise<void> {
  ctx.log(`${scenario}: watch build + switchboard dev, ${Math.max(ctx.runs, 5)} saves`);
  if (unavailable) return addUnavailable(ctx, allFigures, unavailable);
  const handlersDir = dirname(fileURLToPath(import.meta.resolve('@switchboard/handlers/package.json')));
  const cli = join(dirname(fileURLToPath(import.meta.resolve('@switchboard/local-gateway'))), 'cli.js');
  const app = mkdtempSync(join(tmpdir(), 'bench-dev-loop-'));
  const children: ChildProcess[] = [];
  let ws: WebSocket | undefined;
  try {
    execFileSync(process.execPath, [join(handlersDir, 'scripts/scratch-app.mjs'), app]);
    const build = startChild(
      [join(handlersDir, 'scripts/build.mjs'), '--watch', '--app', app, '--out', join(app, 'dist')],
      handlersDir,
    );
    children.push(build.child);
    await build.waitFor(/^handlers: watching for changes$/, 0, 180_000);
    const gateway = startChild(
      [cli, 'dev', '--manifest', join(app, 'dist/manifest.json'), '--port', '0'],
      app,
    );
    children.push(gateway.child);
    const url = (await gateway.waitFor(/^WebSocket URL: /, 0, 60_000)).text.slice('WebSocket URL: '.length);
    ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws!.once('open', resolve).once('error', reject));

    for (const target of targets) {
      const file = join(app, target.file);
      const original = readFileSync(file, 'utf8');
      const [from, to] = target.replace;
      const values = { editToLive: [] as number[], esbuild: [] as number[], write: [] as number[] };
      const stages = { notice: [] as number[], swap: [] as number[] };
      await askUntil(ws, target.message, undefined, 30_000); // warm: the first environment, unedited
      for (let edit = 1; edit <= Math.max(ctx.runs, 5); edit++) {
        const saved = performance.now();
        writeFileSync(file, original.replace(from, to(edit)));
        const liveAt = await askUntil(ws, target.message, edit, 30_000);
        const rebuilt = await build.waitFor(new RegExp(`^handlers: rebuilt ${target.fn} in`), saved, 5000);
        const reloaded = await gateway.waitFor(new RegExp(`^bundles changed: ${target.fn}`), saved, 5000);
        const split = /esbuild (\d+) ms, \d+ files written in (\d+) ms/.exec(rebuilt.text);
        values.editToLive.push(liveAt - saved);
        values.esbuild.push(Number(split?.[1]));
        values.write.push(Number(split?.[2]));
        stages.notice.push(reloaded.at - saved);
        stages.swap.push(liveAt - reloaded.at);
        await sleep(500); // the previous generation's workers retire
      }
      const figures = figuresOf(target);
      const note = [`saves of ${target.file} in a scratch copy; one request in flight, no pause`];
      addFigure(
        ctx,
        figures.editToLive,
        { values: values.editToLive, notes: note },
        {
          target: { on: 'value', op: '<=', limit: 300 },
        },
      );
      addFigure(ctx, figures.esbuild, { values: values.esbuild, notes: [] });
      addFigure(ctx, figures.write, { values: values.write, notes: [] });
      addFigure(ctx, figures.notice, { values: stages.notice, notes: [] });
      addFigure(ctx, figures.swap, { values: stages.swap, notes: [] });
    }
  } catch (error) {
    const measured = new Set(ctx.figures.map((f) => f.id));
    addUnavailable(
      ctx,
      allFigures.filter((f) => !measured.has(f.id)),
      (error as Error).message,
    );
  } finally {
    ws?.terminate();
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    rmSync(app, { recursive: true, force: true });
  }
}
