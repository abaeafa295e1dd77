import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { codeBlocks, readRepoFile, repoRoot } from './support/repo.js';

const examplePath = 'packages/client/examples/chat.ts';

/** Starts `switchboard dev` for the reference app on a free port; resolves with its WebSocket URL. */
function startGateway(): Promise<{ url: string; child: ChildProcess }> {
  const cli = join(repoRoot, 'apps', 'local-gateway', 'dist', 'cli.js');
  const child = spawn(process.execPath, [cli, 'dev', '--port', '0'], { cwd: repoRoot });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`switchboard dev printed no URL:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /WebSocket URL: (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`switchboard dev exited ${code}:\n${output}`)));
  });
}

describe('the typed-client example in the README', () => {
  it('is the example file, line for line', () => {
    const code = readRepoFile(examplePath)
      .split('\n')
      .filter((line) => !line.startsWith('//'))
      .join('\n')
      .trim();
    const shown = codeBlocks(readRepoFile('README.md')).filter((block) => block.lang === 'ts');
    expect(shown.map((block) => block.code.trim())).toContain(code);
  });

  it('runs from the repository root against the local stack, as the README says', async () => {
    const { url, child } = await startGateway();
    try {
      // `pnpm exec node` is the workspace's Node 24, the `node` the scripts see on PATH.
      const { stdout } = await promisify(execFile)(process.execPath, [examplePath, url], {
        cwd: repoRoot,
        timeout: 20_000,
      });
      expect(stdout).toMatch(
        /^guest-[\w-]+: hello from the typed client\nsent as guest-[\w-]+ \(message [\w-]+\)\n$/,
      );
    } finally {
      child.kill('SIGINT');
    }
  });
});
