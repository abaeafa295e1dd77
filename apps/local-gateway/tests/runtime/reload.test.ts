import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '@switchboard/manifest';
import type { FunctionRuntime } from '../../src/contracts.js';
import { createFunctionRuntime, watchBundles } from '../../src/runtime/index.js';

/** A bundle that answers with its build number after `event.ms` milliseconds. */
const bundle = (version: number) =>
  `export const handler = async (event) => {
    await new Promise((resolve) => setTimeout(resolve, event.ms ?? 0));
    return ${version};
  };\n`;

describe('reloading rebuilt bundles', () => {
  let dir: string;
  let runtime: FunctionRuntime;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runtime-reload-'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        routeSelectionExpression: '$request.body.action',
        tables: [],
        functions: { build: { handler: 'build.handler' } },
      }),
    );
    writeFileSync(join(dir, 'build.mjs'), bundle(1));
    runtime = createFunctionRuntime({ loaded: loadManifest(join(dir, 'manifest.json')), environment: {} });
  });
  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives new calls the rebuilt bundle while an in-flight call finishes on the old one', async () => {
    await expect(runtime.invoke('build', {})).resolves.toMatchObject({ ok: true, value: 1 });
    const inFlight = runtime.invoke('build', { ms: 300 });
    await new Promise((resolve) => setTimeout(resolve, 50));

    writeFileSync(join(dir, 'build.mjs'), bundle(2));
    runtime.reload();

    await expect(runtime.invoke('build', {})).resolves.toMatchObject({ ok: true, value: 2 });
    await expect(inFlight).resolves.toMatchObject({ ok: true, value: 1 });
    await expect(runtime.invoke('build', {})).resolves.toMatchObject({ ok: true, value: 2 });
  });

  it('watchBundles reloads once per burst of writes', async () => {
    const bursts: string[][] = [];
    const watcher = watchBundles({
      dir,
      debounceMs: 100,
      onChange: (files) => {
        bursts.push(files);
        runtime.reload();
      },
    });
    try {
      await expect(runtime.invoke('build', {})).resolves.toMatchObject({ value: 1 });
      writeFileSync(join(dir, 'build.mjs'), bundle(3));
      writeFileSync(join(dir, 'build.mjs.map'), '{}');
      // fs.watch events and the debounce timer are late on a loaded machine: wait for the burst.
      for (let waitedMs = 0; bursts.length === 0 && waitedMs < 3000; waitedMs += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 200)); // no second burst follows

      expect(bursts).toHaveLength(1);
      expect(bursts[0]).toEqual(expect.arrayContaining(['build.mjs', 'build.mjs.map']));
      await expect(runtime.invoke('build', {})).resolves.toMatchObject({ ok: true, value: 3 });
    } finally {
      watcher.close();
    }
  });
});

describe('swapping one function, or a changed manifest', () => {
  let dir: string;
  let runtime: FunctionRuntime;
  const manifestOf = (functions: Record<string, unknown>) => {
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ routeSelectionExpression: '$request.body.action', functions }),
    );
    return loadManifest(join(dir, 'manifest.json'));
  };
  /** Answers with a global counter: 1 on an environment's first call, so a reused one says 2+. */
  const counting = (label: string) =>
    `let calls = 0;\nexport const handler = async (event) => {\n  await new Promise((r) => setTimeout(r, event.ms ?? 0));\n  return { label: ${JSON.stringify(label)}, calls: ++calls, env: process.env.GREETING ?? null, timeout: process.env.AWS_LAMBDA_FUNCTION_TIMEOUT };\n};\n`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runtime-update-'));
    writeFileSync(join(dir, 'a.mjs'), counting('a1'));
    writeFileSync(join(dir, 'b.mjs'), counting('b1'));
    runtime = createFunctionRuntime({
      loaded: manifestOf({ a: { handler: 'a.handler' }, b: { handler: 'b.handler' } }),
      environment: {},
    });
  });
  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reloads only the functions named, leaving the others warm', async () => {
    await runtime.invoke('a', {});
    await runtime.invoke('b', {});
    writeFileSync(join(dir, 'a.mjs'), counting('a2'));
    writeFileSync(join(dir, 'b.mjs'), counting('b2'));
    runtime.reload(['a']);

    await expect(runtime.invoke('a', {})).resolves.toMatchObject({ value: { label: 'a2', calls: 1 } });
    // b's warm environment kept its module (and its old code): it was not named.
    await expect(runtime.invoke('b', {})).resolves.toMatchObject({ value: { label: 'b1', calls: 2 } });
  });

  it('starts the reloaded function an environment ahead of its next call', async () => {
    const lines: string[] = [];
    const logged = createFunctionRuntime({
      loaded: loadManifest(join(dir, 'manifest.json')),
      environment: {},
      onLog: ({ line }) => lines.push(line),
    });
    try {
      writeFileSync(join(dir, 'a.mjs'), `console.log('init v1');\n${counting('a1')}`);
      await logged.invoke('a', {});
      writeFileSync(join(dir, 'a.mjs'), `console.log('init v2');\n${counting('a2')}`);
      logged.reload(['a']);
      // No call yet: the new code's init phase runs anyway (bounded wait, not a timing assertion).
      for (let waitedMs = 0; !lines.includes('init v2') && waitedMs < 5000; waitedMs += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(lines).toContain('init v2');
      await expect(logged.invoke('a', {})).resolves.toMatchObject({ value: { label: 'a2', calls: 1 } });
    } finally {
      await logged.close();
    }
  });

  it('applies a changed environment and timeout, adds and removes functions, and lets removed ones finish', async () => {
    await runtime.invoke('a', {});
    const inFlight = runtime.invoke('b', { ms: 300 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(join(dir, 'c.mjs'), counting('c1'));
    const changed = runtime.update!({
      loaded: manifestOf({
        a: { handler: 'a.handler', environment: { GREETING: 'hi' }, timeoutSeconds: 7 },
        c: { handler: 'c.handler' },
      }),
      environment: {},
    });

    expect(changed.sort()).toEqual(['a', 'b', 'c']);
    await expect(runtime.invoke('a', {})).resolves.toMatchObject({
      value: { label: 'a1', calls: 1, env: 'hi', timeout: '7' },
    });
    await expect(runtime.invoke('c', {})).resolves.toMatchObject({ ok: true, value: { label: 'c1' } });
    await expect(inFlight).resolves.toMatchObject({ ok: true, value: { label: 'b1' } });
    await expect(runtime.invoke('b', {})).rejects.toThrow(/b/);
  });

  it('reports nothing changed for the same manifest', () => {
    const changed = runtime.update!({
      loaded: manifestOf({ a: { handler: 'a.handler' }, b: { handler: 'b.handler' } }),
      environment: {},
    });
    expect(changed).toEqual([]);
  });
});
