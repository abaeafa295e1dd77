/**
 * The deploy command: `deploy`, `diff`, `destroy` and `bootstrap` for one environment. It
 * synthesizes that one stack in-process (no cdktf CLI: it needs node-pty, which does not run on
 * Node 24), then runs `terraform init` and `plan`/`apply`/`destroy` in `cdktf.out/stacks/<stack>`.
 */
import { join, relative } from 'node:path';
import { readDeploySettings } from '../config/deploy-settings.js';
import { isStage, type Stage, stages } from '../config/environments.js';
import { resolveEnvironments } from '../config/resolve-environments.js';
import { EnvironmentNotConfiguredError, InfraError, TerraformCommandError, UsageError } from '../errors.js';
import { synthesizeApp } from './synthesize.js';
import { runTerraform } from './terraform.js';

/** What each command runs after `terraform init`. */
const terraformSteps = {
  deploy: ['apply'],
  diff: ['plan'],
  destroy: ['destroy'],
  bootstrap: ['apply'],
} as const satisfies Record<string, readonly string[]>;

export type DeployCommandName = keyof typeof terraformSteps;
export const commandNames = Object.keys(terraformSteps) as DeployCommandName[];

export interface DeployCommandOptions {
  /** The arguments after the script: `deploy dev`, `diff prod`, `bootstrap staging --auto-approve`. */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  infraDir: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** @default `<infraDir>/cdktf.out` */
  outdir?: string;
}

interface ParsedArgs {
  command: DeployCommandName;
  stage: Stage;
  autoApprove: boolean;
}

const usage = `usage: <${commandNames.join('|')}> <${stages.join('|')}> [--auto-approve]`;

/** Parses the arguments; throws `UsageError` naming the valid commands or environments. */
export function parseDeployArgs(argv: readonly string[]): ParsedArgs {
  const flags = argv.filter((a) => a.startsWith('--'));
  const [command, stage, ...rest] = argv.filter((a) => !a.startsWith('--'));
  const unknownFlag = flags.find((f) => f !== '--auto-approve');
  if (unknownFlag) throw new UsageError(`unknown option ${unknownFlag}; ${usage}`);
  if (!command || !(commandNames as string[]).includes(command)) {
    throw new UsageError(
      `unknown command "${command ?? ''}": expected one of ${commandNames.join(', ')}; ${usage}`,
    );
  }
  if (!stage || !isStage(stage) || rest.length) {
    const given =
      stage === undefined ? 'no environment given' : `unknown environment "${[stage, ...rest].join(' ')}"`;
    throw new UsageError(`${given}: expected one of ${stages.join(', ')}; ${usage}`);
  }
  return {
    command: command as DeployCommandName,
    stage,
    autoApprove: flags.includes('--auto-approve'),
  };
}

/**
 * Runs one command end to end and resolves when Terraform is done; rejects with a typed error
 * (`UsageError`, `EnvironmentNotConfiguredError`, `TerraformCommandError`...) otherwise.
 * @example await runDeployCommand({ argv: ['deploy', 'dev'], env: process.env, infraDir, stdout, stderr });
 */
export async function runDeployCommand(options: DeployCommandOptions): Promise<void> {
  const { command, stage, autoApprove } = parseDeployArgs(options.argv);
  const say = (line: string) => options.stdout.write(`${line}\n`);
  const plan = resolveEnvironments(readDeploySettings({ env: options.env, infraDir: options.infraDir }));
  const unconfigured = plan.unconfigured[stage];
  if (unconfigured) throw new EnvironmentNotConfiguredError(stage, unconfigured);
  // Only this environment's notice: what it falls back to (dev's guest mode, default Region).
  for (const notice of plan.notices) if (notice.stage === stage) options.stderr.write(`${notice.line}\n`);
  const stackId = command === 'bootstrap' ? plan.bootstrapOf[stage]! : stage;
  const outdir = options.outdir ?? join(options.infraDir, 'cdktf.out');
  const stackDir = join(outdir, 'stacks', stackId);
  // pnpm runs scripts in infra/ and says in INIT_CWD where it was called: paths read from there.
  const shown = relative(options.env.INIT_CWD ?? process.cwd(), stackDir) || '.';

  say(`› synthesizing ${stackId}${command === 'bootstrap' ? ` (the bootstrap stack of ${stage})` : ''}`);
  synthesizeApp({ ...options, outdir, only: [stackId], notify: () => {} }, plan);
  const state = command === 'bootstrap' ? undefined : plan.environments[stage]?.state;
  say(
    `› terraform init in ${shown}${state?.kind === 's3' ? ` (state: s3://${state.bucket}/${state.key})` : ' (local state)'}`,
  );
  const terraform = { cwd: stackDir, env: options.env, stderr: options.stderr };
  await runTerraform(['init', '-input=false'], terraform).catch((error: unknown) => {
    // The usual reason on a first deploy: the state bucket does not exist yet.
    if (!(error instanceof TerraformCommandError) || state?.kind !== 's3') throw error;
    throw new TerraformCommandError(
      error.args,
      error.cwd,
      error.exitCode,
      error.stderr,
      `Is the state bucket ${state.bucket} there? It is created by: pnpm --filter @switchboard/infra run bootstrap ${stage}`,
    );
  });
  for (const step of terraformSteps[command]) {
    say(`› terraform ${step} in ${shown}`);
    // No -input=false on apply and destroy: it would also turn off their approval prompt.
    const flags = step === 'plan' ? ['-input=false'] : autoApprove ? ['-auto-approve'] : [];
    await runTerraform([step, ...flags], terraform);
  }
  say(
    `✓ ${command} ${stage} done${command === 'deploy' || command === 'bootstrap' ? `; outputs: terraform -chdir=${shown} output` : ''}`,
  );
}

/**
 * `runDeployCommand` as a process sees it: resolves to the exit code, after printing a failure as
 * one `error:` paragraph (our errors say what to fix; their stack would only bury it).
 */
export async function runDeployCli(options: DeployCommandOptions): Promise<number> {
  try {
    await runDeployCommand(options);
    return 0;
  } catch (error) {
    const text = error instanceof InfraError ? error.message : ((error as Error).stack ?? String(error));
    options.stderr.write(`error: ${text}\n`);
    return 1;
  }
}
