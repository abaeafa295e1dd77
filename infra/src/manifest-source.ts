import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { type LoadedManifest, loadManifest } from '@switchboard/manifest';

/** Environment variable that points the app at another manifest (a fixture, a CI artifact). */
export const MANIFEST_ENV_VAR = 'SWITCHBOARD_MANIFEST';

/**
 * The handlers' built manifest: `dist/manifest.json` of the `@switchboard/handlers` package that
 * `fromDir` resolves, as Node would resolve it from there.
 */
export function defaultManifestPath(fromDir: string): string {
  const require = createRequire(join(fromDir, 'noop.js'));
  const packageJson = require.resolve('@switchboard/handlers/package.json');
  return join(dirname(packageJson), 'dist', 'manifest.json');
}

/**
 * Which manifest to deploy: `SWITCHBOARD_MANIFEST` when set (relative to the working directory),
 * else the handlers' `dist/manifest.json`.
 */
export function resolveManifestPath(options: { env: NodeJS.ProcessEnv; fromDir: string }): string {
  const override = options.env[MANIFEST_ENV_VAR];
  return override ? resolve(override) : defaultManifestPath(options.fromDir);
}

/** Reads and validates the manifest to deploy; throws `ManifestError` naming the path on failure. */
export function loadDeployManifest(options: { env: NodeJS.ProcessEnv; fromDir: string }): LoadedManifest {
  return loadManifest(resolveManifestPath(options));
}
