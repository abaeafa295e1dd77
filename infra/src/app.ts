import type { LoadedManifest } from '@switchboard/manifest';
import { App } from 'cdktf';
import { type EnvConfig, environments, type Stage, stages } from './config/environments.js';
import { SwitchboardStack } from './stack.js';

export interface CreateAppOptions {
  loaded: LoadedManifest;
  /** @default 'cdktf.out' (what `cdktf synth` expects) */
  outdir?: string;
  /** Override the environment table, e.g. in tests. @default environments */
  environments?: Record<Stage, EnvConfig>;
}

/**
 * The app: one `SwitchboardStack` per environment, all from the same manifest.
 * @example createApp({ loaded: loadDeployManifest({ env: process.env, fromDir }) }).synth();
 */
export function createApp(options: CreateAppOptions): { app: App; stacks: Record<Stage, SwitchboardStack> } {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const table = options.environments ?? environments;
  const stacks = Object.fromEntries(
    stages.map((stage) => [
      stage,
      new SwitchboardStack(app, stage, { stage, config: table[stage], loaded: options.loaded }),
    ]),
  ) as Record<Stage, SwitchboardStack>;
  return { app, stacks };
}
