/**
 * Cold import time of a bundle: a fresh Node process per run (nothing cached), timing only the
 * `import()` of the file, as Lambda's init phase does. Median of several runs.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const probe = `
const started = performance.now();
const module = await import(process.argv[1]);
const ms = performance.now() - started;
if (typeof module.handler !== 'function') throw new Error('no handler export');
process.stdout.write(String(ms));
`;

/**
 * @param {string} file absolute path of the bundle's entry
 * @param {number} [runs] @default 7
 * @returns {Promise<{ medianMs: number, runsMs: number[] }>}
 */
export async function measureColdImport(file, runs = 7) {
  const runsMs = [];
  for (let i = 0; i < runs; i += 1) {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', probe, pathToFileURL(file).href],
      {
        // An empty environment: the bundle must import without configuration (clients are lazy).
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    runsMs.push(Number(stdout));
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)], runsMs };
}
