// Builds what the browser tests serve: the reference app's bundles when they are missing (turbo's
// `^build` normally made them), and always this page, so the tests run the current sources.
// Self-contained: Jest loads a global setup without the moduleNameMapper that maps './x.js'.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolveChromiumForWorkers } from '@switchboard/local-gateway/testing/browser';

const webDir = join(__dirname, '..', '..');
const referenceManifestPath = join(
  dirname(require.resolve('@switchboard/handlers/package.json')),
  'dist',
  'manifest.json',
);

function run(command: string, args: string[], what: string): void {
  const { SWITCHBOARD_WS_URL: _ignored, ...env } = process.env;
  const result = spawnSync(command, args, { cwd: webDir, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `Could not ${what} (${command} ${args.join(' ')} exited ${result.status}):\n${result.stderr}${result.stdout}`,
    );
  }
}

export default async function globalSetup(): Promise<void> {
  if (!existsSync(referenceManifestPath)) {
    run('pnpm', ['--filter', '@switchboard/handlers', 'build'], 'build the reference app');
  }
  run(process.execPath, [join(webDir, 'scripts', 'build.mjs')], 'build the web page');
  const browser = await resolveChromiumForWorkers();
  // One line in the log says which browser the page tests ran in (CI checks the packaged one).
  console.log(`\nweb tests: browser ${browser.source} (${browser.executablePath})`);
}
