import type { LoadedManifest } from '@switchboard/manifest';
import { App } from 'cdktf';
import { BootstrapStack } from './bootstrap-stack.js';
import { type Stage, stages } from './config/environments.js';
import type { EnvironmentPlan } from './config/resolve-environments.js';
import { SwitchboardStack } from './stack.js';

export interface CreateAppOptions {
  /** What to synthesize: `resolveEnvironments(readDeploySettings(...))`. */
  plan: EnvironmentPlan;
  /**
   * Reads the handlers' manifest; called only when an environment stack is built, so the
   * bootstrap stack synthesizes before the handlers are built.
   */
  loadManifest: () => LoadedManifest;
  /** @default 'cdktf.out' (what `cdktf synth` expects) */
  outdir?: string;
  /** Only these stacks (the deploy command builds the one it runs). @default every stack of the plan */
  only?: readonly string[];
}

export interface SwitchboardApp {
  app: App;
  /** The environment stacks built (configured environments only). */
  stacks: Partial<Record<Stage, SwitchboardStack>>;
  bootstraps: BootstrapStack[];
}

/**
 * The app: one `SwitchboardStack` per configured environment, all from the same manifest, and one
 * `BootstrapStack` per account and Region they deploy to.
 * @example
 * const plan = resolveEnvironments(readDeploySettings({ env: process.env, infraDir }));
 * createApp({ plan, loadManifest: () => loadDeployManifest({ env: process.env, fromDir }) }).app.synth();
 */
export function createApp(options: CreateAppOptions): SwitchboardApp {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const wanted = (id: string) => !options.only || options.only.includes(id);
  const { plan } = options;
  let loaded: LoadedManifest | undefined;
  const stacks: Partial<Record<Stage, SwitchboardStack>> = {};
  for (const stage of stages) {
    const config = plan.environments[stage];
    if (!config || !wanted(stage)) continue;
    loaded ??= options.loadManifest();
    stacks[stage] = new SwitchboardStack(app, stage, { stage, config, loaded });
  }
  const bootstraps = plan.bootstraps
    .filter((target) => wanted(target.stackId))
    .map((target) => new BootstrapStack(app, target.stackId, target));
  return { app, stacks, bootstraps };
}
