/**
 * The built artifacts, as the local gateway and infra consume them: the build script bundles
 * into a scratch folder (not dist/, which a concurrent `build` may be rewriting), then a Node 24
 * child process imports every bundle.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadManifest, splitHandler } from '@switchboard/manifest';

const run = promisify(execFile);
const packageDir = resolve(__dirname, '..');
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'handlers-bundles-'));
  await run(process.execPath, [join(packageDir, 'scripts/build.mjs'), '--out', outDir, '--no-measure'], {
    cwd: packageDir,
  });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Runs an ES module snippet in a fresh Node process with an empty environment. */
async function node(script: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, ...args], {
    env: { PATH: process.env.PATH ?? '' },
  });
  return stdout;
}

describe('the build output', () => {
  it('runs on the project Node (24, as Lambda nodejs24.x)', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('writes a manifest that loads, and validates against the JSON Schema it writes beside it', () => {
    const { manifest } = loadManifest(join(outDir, 'manifest.json'));
    const schema = JSON.parse(readFileSync(join(outDir, 'manifest.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(manifest)).toBe(true);
  });

  it('has a bundle at every handler path, each importing with an exported handler function', async () => {
    const { manifest, baseDir } = loadManifest(join(outDir, 'manifest.json'));
    const files = Object.values(manifest.functions).map((fn) => {
      const { modulePath, exportName } = splitHandler(fn.handler);
      expect(exportName).toBe('handler');
      return join(baseDir, `${modulePath}.mjs`);
    });
    for (const file of files) expect(existsSync(file)).toBe(true);

    const stdout = await node(
      `const kinds = [];
       for (const file of process.argv.slice(1)) kinds.push(typeof (await import(file)).handler);
       process.stdout.write(JSON.stringify(kinds));`,
      files.map((file) => pathToFileURL(file).href),
    );

    expect(JSON.parse(stdout)).toEqual(files.map(() => 'function'));
  });

  it('serves a real invocation from the ping bundle', async () => {
    const file = pathToFileURL(join(outDir, 'functions/ping/index.mjs')).href;
    const event = {
      requestContext: {
        routeKey: 'ping',
        eventType: 'MESSAGE',
        connectionId: 'C1=',
        requestId: 'R1=',
        domainName: 'x',
        stage: 'test',
        connectedAt: 0,
      },
      body: JSON.stringify({ action: 'ping', requestId: 'b1' }),
    };
    const stdout = await node(
      `const { handler } = await import(process.argv[1]);
       process.stdout.write(JSON.stringify(await handler(JSON.parse(process.argv[2]))));`,
      [file, JSON.stringify(event)],
    );
    // The handler's own log line comes first on stdout; the result is the last line.
    const lines = stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1)!.replace(/^.*?(\{"statusCode")/, '$1'))).toEqual({
      statusCode: 200,
      body: JSON.stringify({ type: 'pong', requestId: 'b1' }),
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({ fn: 'ping', route: 'ping', outcome: 'ok', level: 'info' });
  });
});
