#!/usr/bin/env node
/**
 * `pnpm --filter @switchboard/web build`: bundles src/main.ts with esbuild into dist/app.js and
 * copies index.html and styles.css beside it. `SWITCHBOARD_WS_URL=wss://...` bakes in the
 * WebSocket URL of a deployed stack; without it the page connects to its own host.
 * Fails when the bundle pulls in anything but the browser-safe packages. `--out DIR` writes
 * elsewhere than dist/.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const outDir =
  outFlag > 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]) : join(packageDir, 'dist');
const webSocketUrl = process.env.SWITCHBOARD_WS_URL ?? '';

if (webSocketUrl && !/^wss?:\/\/[^/\s]+/.test(webSocketUrl)) {
  console.error(`SWITCHBOARD_WS_URL must be a ws:// or wss:// URL, got "${webSocketUrl}"`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
const started = performance.now();
const result = await build({
  entryPoints: [join(packageDir, 'src', 'main.ts')],
  outfile: join(outDir, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  // Workspace packages resolve to their TypeScript sources: no build of them is needed first.
  conditions: ['source'],
  minify: true,
  sourcemap: true,
  metafile: true,
  define: { __SWITCHBOARD_WS_URL__: JSON.stringify(webSocketUrl) },
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css'])
  copyFileSync(join(packageDir, 'static', file), join(outDir, file));

// The page may only depend on the protocol, the client and their browser-safe dependencies.
const allowed = [
  /^src\//,
  /packages\/protocol\/src\//,
  /packages\/client\/src\//,
  /node_modules\/(\.pnpm\/)?valibot[@/]/,
];
const strays = Object.keys(result.metafile.inputs)
  .map((input) => relative(packageDir, join(process.cwd(), input)).replaceAll('\\', '/'))
  .filter((input) => !allowed.some((pattern) => pattern.test(input)));
if (strays.length > 0) {
  console.error(`The page bundle pulls in modules it must not:\n  ${strays.join('\n  ')}`);
  process.exit(1);
}

const kb = (file) => (statSync(join(outDir, file)).size / 1024).toFixed(1);
console.log(
  `built ${relative(process.cwd(), outDir) || '.'} in ${Math.round(performance.now() - started)} ms: ` +
    `app.js ${kb('app.js')} KB, styles.css ${kb('styles.css')} KB, index.html ${kb('index.html')} KB` +
    (webSocketUrl ? `, WebSocket URL ${webSocketUrl}` : ', WebSocket URL from the page location'),
);
