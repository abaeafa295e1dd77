// `pnpm dev`: builds what the local stack needs, then starts `switchboard dev` for the reference
// app. Extra arguments pass through: `pnpm dev --port 0 --data-dir .data`.
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
const child = spawn(process.execPath, [cli, 'dev', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
