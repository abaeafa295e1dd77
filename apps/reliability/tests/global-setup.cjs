// Builds the reference app's bundles when they are missing or older than the sources they are
// built from, so that a fresh clone (or a checkout with changed handlers) runs the suite against
// the code it has (turbo's `^build` does not run for a script outside `test`).
const { existsSync, readdirSync, statSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const packagesDir = path.join(__dirname, '..', '..', '..', 'packages');

/** Newest modification time of the files under `dir`. */
function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

module.exports = async function globalSetup() {
  const handlersDir = path.join(packagesDir, 'handlers');
  const manifest = path.join(handlersDir, 'dist', 'manifest.json');
  const disconnect = path.join(handlersDir, 'dist', 'functions', 'disconnect', 'index.mjs');
  const sources = ['handlers', 'connection-store', 'protocol'].map((name) =>
    path.join(packagesDir, name, 'src'),
  );
  const built = existsSync(manifest) && existsSync(disconnect) ? statSync(disconnect).mtimeMs : 0;
  if (built > 0 && sources.every((dir) => !existsSync(dir) || newestMtimeMs(dir) <= built)) return;
  process.stdout.write(
    `reliability: ${built ? 'rebuilding' : 'building'} the reference app (pnpm --filter @switchboard/handlers build)\n`,
  );
  execFileSync('pnpm', ['--filter', '@switchboard/handlers', 'build'], {
    cwd: handlersDir,
    stdio: 'inherit',
  });
};
