import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type SwitchboardApp } from '../app.js';
import { readDeploySettings } from '../config/deploy-settings.js';
import { type EnvironmentPlan, resolveEnvironments } from '../config/resolve-environments.js';
import { loadDeployManifest } from '../manifest-source.js';

export interface SynthesizeOptions {
  env: NodeJS.ProcessEnv;
  /** The infra package folder: `deploy.config.json`, the handlers it resolves, `cdktf.out/`. */
  infraDir: string;
  /** Where each one-line notice goes (what is left out, what dev falls back to). */
  notify: (line: string) => void;
  /** Only these stacks. @default all */
  only?: readonly string[];
  /** @default `<infraDir>/cdktf.out` */
  outdir?: string;
}

/** Reads the deploy settings and resolves which stacks exist, printing the notices once. */
export function planFromSettings(
  options: Pick<SynthesizeOptions, 'env' | 'infraDir' | 'notify'>,
): EnvironmentPlan {
  const plan = resolveEnvironments(readDeploySettings({ env: options.env, infraDir: options.infraDir }));
  for (const { line } of plan.notices) options.notify(line);
  return plan;
}

/**
 * What the `synth` script runs (main.ts, also cdktf.json's `app`) and what the deploy command runs
 * before Terraform: the plan from the deploy settings, then Terraform JSON and assets under
 * `cdktf.out/stacks/<stack>`.
 */
export function synthesizeApp(options: SynthesizeOptions, plan = planFromSettings(options)): SwitchboardApp {
  // A cdktf-compatible CLI (cdktf, cdktn) passes its output folder in CDKTF_OUTDIR.
  const outdir = options.outdir ?? options.env.CDKTF_OUTDIR ?? join(options.infraDir, 'cdktf.out');
  // cdktf creates the folder itself, but not its parents.
  mkdirSync(outdir, { recursive: true });
  const built = createApp({
    plan,
    loadManifest: () => loadDeployManifest({ env: options.env, fromDir: options.infraDir }),
    outdir,
    ...(options.only ? { only: options.only } : {}),
  });
  built.app.synth();
  return built;
}
