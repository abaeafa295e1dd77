#!/usr/bin/env node
/**
 * `pnpm --filter @switchboard/handlers build` (after tsc): bundles every function, writes the
 * manifest, and prints each bundle's size and median cold import time against the targets.
 * Flags: `--out DIR` (default dist), `--no-measure` (skip the import timing), `--runs N`,
 * `--app DIR` (bundle another copy of this package, e.g. a scratch copy in a test or bench).
 * Exits 1 when a bundle is over the size budget; import time is reported, not enforced (it
 * depends on the machine's load; `pnpm bench` is where timing belongs).
 *
 * `--watch` (what `pnpm dev` runs beside the gateway): builds, then rebuilds incrementally on
 * every save until SIGINT/SIGTERM (watch.mjs); no figures, no budget check.
 */
import { resolve } from 'node:path';
import { bundleApp, bundleBytes, eagerBytes } from './bundle.mjs';
import { measureColdImport } from './measure.mjs';
import { watchApp } from './watch.mjs';

const MAX_BUNDLE_BYTES = 400 * 1024;
const MAX_IMPORT_MS = 60;

const args = process.argv.slice(2);
const flagValue = (flag) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const measure = !args.includes('--no-measure');
const runs = Number(flagValue('--runs') ?? 7);
const appDir = flagValue('--app') && resolve(flagValue('--app'));

if (args.includes('--watch')) {
  const watching = await watchApp({ outDir: flagValue('--out') ?? 'dist', appDir });
  console.log('handlers: watching for changes');
  const stop = () => watching.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keep running: the watchers hold the event loop open.
} else {
  await buildOnce();
}

async function buildOnce() {
  const started = performance.now();
  const { outDir, bundles } = await bundleApp({ outDir: flagValue('--out'), appDir });
  console.log(
    `bundled ${bundles.length} functions to ${outDir} in ${Math.round(performance.now() - started)} ms`,
  );

  let overBudget = false;
  const rows = [];
  for (const bundle of bundles) {
    const bytes = await bundleBytes(bundle.dir);
    const eager = await eagerBytes(bundle.entry);
    const timing = measure ? await measureColdImport(bundle.entry, runs) : undefined;
    overBudget ||= bytes > MAX_BUNDLE_BYTES;
    rows.push({
      function: bundle.name,
      'size KB': (bytes / 1024).toFixed(1),
      'loaded at init KB': (eager / 1024).toFixed(1),
      size: bytes > MAX_BUNDLE_BYTES ? 'OVER' : 'ok',
      ...(timing
        ? {
            'import ms (median)': timing.medianMs.toFixed(1),
            import: timing.medianMs > MAX_IMPORT_MS ? 'SLOW' : 'ok',
          }
        : {}),
    });
  }
  console.log(
    `targets: <= ${MAX_BUNDLE_BYTES / 1024} KB per bundle (all .mjs files), <= ${MAX_IMPORT_MS} ms median cold import${measure ? ` (${runs} runs, Node ${process.version})` : ''}`,
  );
  console.table(rows);
  if (overBudget) {
    console.error('a bundle is over the size budget');
    process.exit(1);
  }
}
