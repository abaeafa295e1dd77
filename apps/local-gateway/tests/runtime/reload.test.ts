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
