// `pnpm switchboard ...` from the repository root, as the READMEs write it: the root script runs
// this package's bin with the arguments given.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const repositoryRoot = join(__dirname, '..', '..', '..');
const bin = join(repositoryRoot, 'apps', 'local-gateway', 'bin', 'switchboard.mjs');
const argvProbe = join(__dirname, 'fixtures', 'argv-probe', 'print-argv.mjs');

describe('pnpm switchboard (the root script)', () => {
  it("runs the gateway's switchboard bin with the flags given, from the repository root", async () => {
    const args = ['dev', '--manifest', 'path/to/manifest.json', '--port', '0'];
    const { stdout } = await promisify(execFile)('pnpm', ['--silent', 'switchboard', ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, NODE_OPTIONS: `--import=${argvProbe}` },
    });
    expect(JSON.parse(stdout.trim())).toEqual([bin, ...args]);
  });
});
