#!/usr/bin/env node
/**
 * Builds the inspector page (inspector-page/) into dist/inspector/: esbuild bundles src/main.ts
 * into app.js, index.html and styles.css are copied beside it. Part of the package's build; the
 * inspector's browser test runs it too, so the page it serves is the current source.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const pageDir = join(packageDir, 'inspector-page');
const outDir = join(packageDir, 'dist', 'inspector');

mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(pageDir, 'src', 'main.ts')],
  outfile: join(outDir, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css'])
  copyFileSync(join(pageDir, 'static', file), join(outDir, file));
