import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stages } from '../src/config/environments.js';
import { resolveEnvironments } from '../src/config/resolve-environments.js';
import { parseDeployArgs, runDeployCli } from '../src/deploy/deploy-command.js';
import { configuredSettings, expectedBackend, testAccounts } from './support/environments.js';
import { createFakeTerraform } from './support/fake-terraform.js';
import { fixtureManifestPath, loadFixture, type TerraformJson } from './support/synth.js';

// The deploy command end to end: settings, manifest, synth to <infraDir>/cdktf.out, then the
// fake terraform. A small manifest (authorizer, $connect, ping) keeps the zips few.
const workDir = realpathSync(mkdtempSync(join(tmpdir(), 'infra-deploy-')));
const infraDir = join(workDir, 'infra');
const terraform = createFakeTerraform(workDir);

function writeSmallManifest(): string {
  const dir = join(workDir, 'handlers-dist');
  const { manifest } = loadFixture();
  const keep = ['authorize', 'connect', 'ping'];
  manifest.functions = Object.fromEntries(
    keep.map((name) => [name, { ...manifest.functions[name]!, permissions: [] }]),
  );
  delete manifest.stateMachines;
  for (const name of keep) {
    cpSync(join(fixtureManifestPath, '..', 'functions', name), join(dir, 'functions', name), {
      recursive: true,
    });
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return join(dir, 'manifest.json');
}

const manifestPath = writeSmallManifest();
const configPath = join(workDir, 'deploy.config.json');
writeFileSync(configPath, JSON.stringify({ environments: configuredSettings }));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The parent's environment without any SWITCHBOARD_* a developer's shell may hold. */
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('SWITCHBOARD_')),
);

async function run(
  argv: string[],
  options: { config?: string; failOn?: string; message?: string; path?: string } = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const exitCode = await runDeployCli({
    argv,
    env: {
      ...baseEnv,
      PATH: options.path ?? `${terraform.binDir}:${process.env.PATH}`,
      SWITCHBOARD_MANIFEST: manifestPath,
      SWITCHBOARD_DEPLOY_CONFIG: options.config ?? configPath,
      ...terraform.env(options),
    },
    infraDir,
    stdout,
    stderr,
  });
  return { exitCode, stdout: out, stderr: err, calls: terraform.calls() };
}

const stackDir = (stack: string) => join(infraDir, 'cdktf.out', 'stacks', stack);
const backendOf = (stack: string) =>
  (JSON.parse(readFileSync(join(stackDir(stack), 'cdk.tf.json'), 'utf8')) as TerraformJson).terraform.backend;

describe.each(stages)('deploy %s', (stage) => {
  it("runs terraform init with the environment's backend, then apply, in its stack folder", async () => {
    const result = await run(['deploy', stage, '--auto-approve']);
    expect(result.exitCode).toBe(0);
    expect(result.calls).toEqual([
      { cwd: stackDir(stage), args: ['init', '-input=false'] },
      { cwd: stackDir(stage), args: ['apply', '-auto-approve'] },
    ]);
    expect(backendOf(stage)).toEqual(expectedBackend(stage));
    expect(result.stdout).toContain(`› terraform init in `);
    expect(result.stdout).toContain(`✓ deploy ${stage} done`);
  });
});

describe('the other commands', () => {
  it('diff: init, then plan', async () => {
    const { exitCode, calls } = await run(['diff', 'staging']);
    expect(exitCode).toBe(0);
    expect(calls.map((c) => [c.cwd, c.args.join(' ')])).toEqual([
      [stackDir('staging'), 'init -input=false'],
      [stackDir('staging'), 'plan -input=false'],
    ]);
  });

  it('destroy: init, then destroy (asking for approval unless --auto-approve)', async () => {
    const { exitCode, calls } = await run(['destroy', 'dev']);
    expect(exitCode).toBe(0);
    expect(calls.map((c) => [c.cwd, c.args.join(' ')])).toEqual([
      [stackDir('dev'), 'init -input=false'],
      [stackDir('dev'), 'destroy'],
    ]);
  });

  it("bootstrap: init and apply in the bootstrap stack of the environment's account and Region", async () => {
    const { exitCode, calls } = await run(['bootstrap', 'prod', '--auto-approve']);
    expect(exitCode).toBe(0);
    const bootstrap = stackDir(`bootstrap-${testAccounts.prod}-eu-west-1`);
    expect(calls).toEqual([
      { cwd: bootstrap, args: ['init', '-input=false'] },
      { cwd: bootstrap, args: ['apply', '-auto-approve'] },
    ]);
    expect(backendOf(`bootstrap-${testAccounts.prod}-eu-west-1`)).toEqual({
      local: { path: `../../../terraform.bootstrap-${testAccounts.prod}-eu-west-1.tfstate` },
    });
  });
});

describe('failures', () => {
  it("fails with Terraform's message and exit 1 when terraform fails", async () => {
    const message = 'Error: No valid credential sources found';
    const result = await run(['deploy', 'dev', '--auto-approve'], { failOn: 'apply', message });
    expect(result.exitCode).toBe(1);
    expect(result.calls.map((c) => c.args[0])).toEqual(['init', 'apply']);
    expect(result.stderr).toContain(
      `error: terraform apply failed in ${stackDir('dev')} (exit 1):\n${message}`,
    );
    expect(result.stdout).not.toContain('done');
  });

  it('stops after a failed init', async () => {
    const result = await run(['deploy', 'prod'], {
      failOn: 'init',
      message: 'Error: Failed to get existing workspaces: S3 bucket does not exist.',
    });
    expect(result.exitCode).toBe(1);
    expect(result.calls.map((c) => c.args[0])).toEqual(['init']);
    expect(result.stderr).toContain('S3 bucket does not exist.');
    expect(result.stderr).toContain(
      `Is the state bucket switchboard-tfstate-${testAccounts.prod}-eu-west-1 there? It is created by: pnpm --filter @switchboard/infra run bootstrap prod`,
    );
  });

  it('names the valid environments for an unknown one, and runs nothing', async () => {
    const result = await run(['deploy', 'qa']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('error: unknown environment "qa": expected one of dev, staging, prod');
    expect(result.calls).toEqual([]);
  });

  it('names the valid commands for an unknown one', () => {
    expect(() => parseDeployArgs(['apply', 'dev'])).toThrow(
      /unknown command "apply": expected one of deploy, diff, destroy, bootstrap/,
    );
    expect(() => parseDeployArgs(['deploy'])).toThrow(
      /no environment given: expected one of dev, staging, prod/,
    );
    expect(() => parseDeployArgs(['deploy', 'dev', '--force'])).toThrow(/unknown option --force/);
  });

  it('refuses an unconfigured environment with the line synth prints, and runs nothing', async () => {
    const emptyConfig = join(workDir, 'empty.config.json');
    writeFileSync(emptyConfig, '{}');
    const result = await run(['deploy', 'prod'], { config: emptyConfig });
    const notice = resolveEnvironments({}).unconfigured.prod!;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`error: ${notice}\n`);
    expect(result.stderr.split(notice)).toHaveLength(2); // once, as the error
    expect(result.calls).toEqual([]);
  });

  it('prints only the notice of the environment it deploys (dev in guest mode)', async () => {
    const emptyConfig = join(workDir, 'empty.config.json');
    writeFileSync(emptyConfig, '{}');
    const result = await run(['diff', 'dev'], { config: emptyConfig });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(
      'dev runs with Region eu-west-1 (the default; set SWITCHBOARD_DEV_REGION)',
    );
    expect(result.stderr).toContain('guest mode, no authorizer');
    expect(result.stderr).not.toContain('staging');
  });

  it('says how to get Terraform when it is not on PATH', async () => {
    const result = await run(['diff', 'dev'], { path: join(workDir, 'empty-bin') });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('error: terraform is not on PATH: install Terraform 1.11 or newer');
  });
});
