// Holds the gateway's default port (3001, `defaults.port` in src/options.ts) on 127.0.0.1 for
// the whole run, as a `pnpm dev` beside `pnpm test` does: a test that forgets `port: 0` or
// `--port 0` then fails here, every time, instead of only on a machine where the stack is up.
const { createServer } = require('node:net');

const DEFAULT_PORT = 3001;

async function holdDefaultPort() {
  const server = createServer((socket) => socket.destroy());
  const held = await new Promise((resolve) => {
    // Already taken (a `pnpm dev` is running): that holds it just as well.
    server.once('error', () => resolve(false));
    server.listen(DEFAULT_PORT, '127.0.0.1', () => resolve(true));
  });
  if (!held) return;
  // Not counted as work that keeps jest alive.
  server.unref();
  globalThis.__switchboardDefaultPortHolder = server;
}

async function releaseDefaultPort() {
  const server = globalThis.__switchboardDefaultPortHolder;
  if (server) await new Promise((resolve) => server.close(() => resolve()));
}

// jest's globalSetup is this module; its globalTeardown is release-default-port.cjs.
module.exports = holdDefaultPort;
module.exports.releaseDefaultPort = releaseDefaultPort;
