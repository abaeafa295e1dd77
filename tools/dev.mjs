// `pnpm dev`: builds what the local stack needs, then runs two processes until Ctrl-C:
// - the handlers' watch build (`packages/handlers/scripts/build.mjs --watch`): on every save
//   under packages/handlers/src or a workspace package it imports, esbuild rebuilds the bundles
//   that changed and writes them (and manifest.json) atomically into packages/handlers/dist;
// - `switchboard dev` for the reference app, which reloads changed bundles and a changed
//   manifest without a restart (its `--manifest` folder is watched).
// The build is the app's own script and the gateway only watches files: the gateway runs any
// manifest and imports nothing of the app (docs/design-decisions.md, "the dev loop").
// Extra arguments pass through to the gateway: `pnpm dev --port 0 --data-dir .data`.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const cli = `${root}apps/local-gateway/dist/cli.js`;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

console.error('switchboard: building the handlers, the local gateway and the web page...');
const build = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@switchboard/local-gateway...',
    '--filter=@switchboard/handlers',
    '--filter=@switchboard/web',
    '--output-logs=errors-only',
  ],
  { cwd: root, stdio: 'inherit', env },
);
if (build.status !== 0) process.exit(build.status ?? 1);
if (!existsSync(cli)) {
  console.error(
    'switchboard: the local gateway is not built yet (apps/local-gateway/dist/cli.js is missing).',
  );
  process.exit(1);
}
let stopping = false;
// The watcher's lines go to stderr: the gateway's stdout (URL lines, invocations) is a contract.
const watcher = spawn(process.execPath, [`${root}packages/handlers/scripts/build.mjs`, '--watch'], {
  cwd: `${root}packages/handlers`,
  stdio: ['ignore', process.stderr, process.stderr],
  env,
});
watcher.on('exit', (code, signal) => {
  if (!stopping)
    console.error(
      `switchboard: the handlers' watch build stopped (${signal ?? code}); saves are no longer rebuilt`,
    );
});
const child = spawn(process.execPath, [cli, 'dev', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    watcher.kill(signal);
    child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  stopping = true;
  watcher.kill('SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});
