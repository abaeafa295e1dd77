import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { testEnvironments as environments } from './support/environments.js';
import { SwitchboardStack } from '../src/stack.js';
import { resourcesOf, type TerraformJson, withManifest } from './support/synth.js';

// What `cdktf synth` does, in-process, for one stack: Terraform JSON plus one zip per function.
// One environment and one function only: cdktf builds each zip in a child process (its archiver
// runs as a CLI), about half a second each on a busy machine.
describe('app.synth()', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-synth-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('writes cdktf.out/stacks/<env>/cdk.tf.json and every bundle archive it names', () => {
    const app = new App({ outdir, stackTraces: false });
    const loaded = withManifest((m) => {
      m.functions = { ping: m.functions.ping! };
      delete m.authorizer;
      delete m.stateMachines;
    });
    new SwitchboardStack(app, 'dev', {
      stage: 'dev',
      config: { ...environments.dev, auth: { mode: 'none' } },
      loaded,
    });
    app.synth();

    const stackDir = join(outdir, 'stacks', 'dev');
    const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as TerraformJson;
    const functions = resourcesOf(json, 'aws_lambda_function');
    expect(functions).toHaveLength(1);
    for (const [, fn] of functions) {
      const zip = readFileSync(join(stackDir, fn.filename as string));
      expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04])); // "PK\3\4"
      expect(zip.includes(Buffer.from('index.mjs'))).toBe(true);
    }
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(true);
  });
});
