import { basename, relative, resolve, sep } from 'node:path';
import { type LoadedManifest, loadManifest, type Manifest, resolveFunctions } from '@switchboard/manifest';
import type { GatewayContext } from './context.js';
import type { FunctionRuntime } from './contracts.js';
import { RouteTable } from './routing/route-table.js';
import { type BundleWatcher, watchBundles } from './runtime/index.js';

export interface LiveReloadOptions {
  /** The manifest running now; its folder is watched. */
  loaded: LoadedManifest;
  /** The front's shared context: its `routes` and `manifest` are swapped on a manifest change. */
  ctx: GatewayContext;
  runtime: FunctionRuntime;
  /** The variables every function gets, for a manifest (its injected names may change). */
  environmentOf(manifest: Manifest): Record<string, string>;
  log(line: string): void;
  /**
   * Quiet time before a burst of writes is acted on. Short on purpose: a build that writes each
   * file atomically, entries after their chunks and the manifest after its bundles (the
   * reference app's does) never shows a half state, so acting early only costs an extra reload.
   * @default 20
   */
  debounceMs?: number;
}

/**
 * `switchboard dev`'s live reload. Watches the manifest's folder; on a change:
 * - `manifest.json`: loaded and validated; the route table and the function specs (environment,
 *   timeout, memory, handler) are swapped in one synchronous step, so a message is routed either
 *   wholly by the old manifest or wholly by the new. A manifest that does not load leaves the
 *   running one in place and its error is printed once (until the file changes to another error
 *   or to a valid manifest). Tables and state machines are created at start only: a change to
 *   them is reported as needing a restart; the rest still applies.
 * - a bundle file: the functions whose bundle folder holds it reload (all, for a file outside
 *   every bundle folder). Calls in flight finish on the old code; new calls get the new.
 * Dot-files are ignored: builders write beside the target under a dot-name, then rename.
 */
export function startLiveReload(options: LiveReloadOptions): BundleWatcher {
  const { ctx, runtime, log } = options;
  let current = options.loaded;
  const manifestFile = basename(current.path);
  let lastError: string | undefined;

  const applyManifest = (): string[] => {
    let next: LoadedManifest;
    let routes: RouteTable;
    try {
      next = loadManifest(current.path);
      routes = new RouteTable(next.manifest);
    } catch (error) {
      const message = (error as Error).message;
      if (message !== lastError) log(`manifest not applied, the running one stays: ${message}`);
      lastError = message;
      return [];
    }
    lastError = undefined;
    if (JSON.stringify(next.manifest) === JSON.stringify(current.manifest)) return [];
    const before = current.manifest;
    const needRestart = (['tables', 'stateMachines'] as const).filter(
      (key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(next.manifest[key] ?? null),
    );
    if (!runtime.update && JSON.stringify(before.functions) !== JSON.stringify(next.manifest.functions)) {
      log('manifest changed its functions, which this runtime cannot swap live: restart to apply them');
      return [];
    }
    // One synchronous step: no message is routed between the route table and the functions.
    const changed =
      runtime.update?.({ loaded: next, environment: options.environmentOf(next.manifest) }) ?? [];
    ctx.routes = routes;
    ctx.manifest = next.manifest;
    current = next;
    log(
      `manifest reloaded: ${describeRouteChange(before, next.manifest)}${changed.length ? `; functions ${changed.join(', ')}` : ''}`,
    );
    if (needRestart.length > 0)
      log(`manifest changed ${needRestart.join(' and ')}: restart to apply that part`);
    return changed;
  };

  const functionsHolding = (files: string[]): string[] | undefined => {
    const dirs = resolveFunctions(current.manifest).map((fn) => ({
      name: fn.name,
      dir: resolve(current.baseDir, fn.bundleDir),
    }));
    const names = new Set<string>();
    for (const file of files) {
      const path = resolve(current.baseDir, file);
      const owners = dirs.filter(({ dir }) => !relative(dir, path).startsWith('..'));
      // Outside every bundle folder, only code counts (shared by bundles: reload all); a JSON
      // Schema or a README beside the manifest does not.
      if (owners.length === 0 && /\.[cm]?js$/.test(file)) return undefined;
      for (const owner of owners) names.add(owner.name);
    }
    return [...names];
  };

  return watchBundles({
    dir: current.baseDir,
    debounceMs: options.debounceMs ?? 20,
    onChange(changedFiles) {
      const files = changedFiles.filter((file) => !file.split(sep).some((part) => part.startsWith('.')));
      const bundles = files.filter((file) => file !== manifestFile && !file.endsWith('.map'));
      const updated = files.includes(manifestFile) ? applyManifest() : [];
      if (bundles.length === 0) return;
      const owners = functionsHolding(bundles);
      const names = (owners ?? Object.keys(current.manifest.functions)).filter(
        (name) => !updated.includes(name),
      );
      if (names.length === 0) return;
      runtime.reload(names);
      log(`bundles changed: ${names.join(', ')} reloaded; calls in flight finish on the old code`);
    },
  });
}

/** `+echo -shout` for added and removed routes, or `routes unchanged`. */
function describeRouteChange(before: Manifest, after: Manifest): string {
  const keys = (m: Manifest) => new Set(Object.values(m.functions).flatMap((fn) => fn.routes ?? []));
  const [was, is] = [keys(before), keys(after)];
  const added = [...is].filter((key) => !was.has(key)).map((key) => `+${key}`);
  const removed = [...was].filter((key) => !is.has(key)).map((key) => `-${key}`);
  return added.length + removed.length ? `routes ${[...added, ...removed].join(' ')}` : 'routes unchanged';
}
