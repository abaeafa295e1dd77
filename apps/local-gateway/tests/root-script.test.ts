// `pnpm switchboard ...` from the repository root, as the READMEs write it: the root script runs
// this package's bin with the arguments given.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repositoryRoot = join(__dirname, '..', '..', '..');
const manifest = join(__dirname, 'fixtures', 'echo', 'manifest.json');
// The bin runs dist/; `pnpm test` does not build this package before its own tests.
const built = existsSync(join(__dirname, '..', 'dist', 'cli.js'));

function runFromRoot(args: string[]) {
  return spawn('pnpm', ['--silent', 'switchboard', ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, DYNAMODB_ENDPOINT: '' },
  });
}

describe('pnpm switchboard (the root script)', () => {
  (built ? it : it.skip)('runs switchboard dev with the flags given, printing the URL lines', async () => {
    const child = runFromRoot(['dev', '--manifest', manifest, '--port', '0', '--stage', 'root']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toMatch(/^WebSocket URL: ws:\/\/127\.0\.0\.1:\d+\/root$/);
    expect((await lines.next()).value).toMatch(
      /^Connection URL: http:\/\/127\.0\.0\.1:\d+\/root\/@connections$/,
    );
    child.kill('SIGINT');
    // pnpm passes the signal on; the gateway closes and exits 0, and pnpm with it.
    expect(await exited).toBe(0);
  });

  (built ? it.skip : it)('reaches the bin, which says how to build it', async () => {
    const child = runFromRoot(['dev', '--port', '0']);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(stderr).toContain(
      'switchboard: not built yet; run `pnpm --filter @switchboard/local-gateway build`.',
    );
  });
});
