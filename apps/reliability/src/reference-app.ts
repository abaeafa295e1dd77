import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LoadedManifest, loadManifest } from '@switchboard/manifest';
import { ReferenceAppNotBuiltError } from './errors.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A fixture under this package's `fixtures/` folder. */
export function fixturePath(...parts: string[]): string {
  return join(packageDir, 'fixtures', ...parts);
}

/** `packages/handlers/dist/manifest.json`, the reference app's built manifest. */
export function referenceManifestPath(): string {
  const handlersPackage = createRequire(import.meta.url).resolve('@switchboard/handlers/package.json');
  return join(dirname(handlersPackage), 'dist', 'manifest.json');
}

/** The reference app's manifest; throws {@link ReferenceAppNotBuiltError} when it is not built. */
export function loadReferenceApp(): LoadedManifest {
  const path = referenceManifestPath();
  if (!existsSync(path)) throw new ReferenceAppNotBuiltError(path);
  return loadManifest(path);
}

/**
 * The reference app with some of its functions wrapped by the recorder: each call is reported
 * to `recorderUrl` before the real bundle runs it. The manifest is otherwise the built one.
 * @example
 * const app = recordedReferenceApp(recorder.url, ['disconnect']);
 * createGateway({ manifest: app, port: 0 });
 */
export function recordedReferenceApp(recorderUrl: string, functionNames: readonly string[]): LoadedManifest {
  return wrapFunctions(loadReferenceApp(), fixturePath('recorder', 'recorded'), functionNames, {
    RECORDER_URL: recorderUrl,
  });
}

/**
 * `loaded` with some functions run through a fixture wrapper module (a path without extension,
 * exporting `handler`): the wrapper finds the real bundle in `WRAPPED_INNER_MODULE` and gets
 * `environment` on top of the function's own.
 */
export function wrapFunctions(
  loaded: LoadedManifest,
  wrapperModule: string,
  functionNames: readonly string[],
  environment: Record<string, string>,
): LoadedManifest {
  const functions = { ...loaded.manifest.functions };
  const wrapper = relative(loaded.baseDir, wrapperModule).split('\\').join('/');
  for (const name of functionNames) {
    const spec = functions[name];
    if (!spec) throw new RangeError(`the reference app has no function "${name}"`);
    const modulePath = spec.handler.slice(0, spec.handler.lastIndexOf('.'));
    // One wrapper per function: a second would hide the first (they share the variable).
    if (spec.environment?.WRAPPED_INNER_MODULE) throw new RangeError(`function "${name}" is wrapped already`);
    const innerModule = innerModuleOf(loaded.baseDir, modulePath);
    functions[name] = {
      ...spec,
      handler: `${wrapper}.handler`,
      environment: { ...spec.environment, ...environment, WRAPPED_INNER_MODULE: innerModule },
    };
  }
  return { ...loaded, manifest: { ...loaded.manifest, functions } };
}

function innerModuleOf(baseDir: string, modulePath: string): string {
  const found = [`${modulePath}.mjs`, `${modulePath}.js`]
    .map((file) => join(baseDir, file))
    .find((file) => existsSync(file));
  if (!found) throw new ReferenceAppNotBuiltError(join(baseDir, `${modulePath}.mjs`));
  return found;
}
