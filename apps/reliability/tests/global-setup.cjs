// Builds the reference app's bundles once when they are missing, so that a fresh clone can run
// the suite (turbo's `^build` does not run for a script outside `test`).
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const handlersDir = path.join(__dirname, '..', '..', '..', 'packages', 'handlers');
  const manifest = path.join(handlersDir, 'dist', 'manifest.json');
  const disconnect = path.join(handlersDir, 'dist', 'functions', 'disconnect', 'index.mjs');
  if (existsSync(manifest) && existsSync(disconnect)) return;
  process.stdout.write(
    'reliability: building the reference app (pnpm --filter @switchboard/handlers build)\n',
  );
  execFileSync('pnpm', ['--filter', '@switchboard/handlers', 'build'], {
    cwd: handlersDir,
    stdio: 'inherit',
  });
};
