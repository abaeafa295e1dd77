/**
 * @switchboard/protocol/testing: test support for the browser-safe packages (this one and
 * `@switchboard/client`). Node-only (it runs esbuild); the package entry never reaches it.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/** What to bundle: a file of the package, or code written in the test. */
export type BundleEntry = { file: string } | { code: string };

/** Where the package is and what else a browser must not load from it. */
export interface BrowserImportCheck {
  /** The package folder; `file` and the imports of `code` resolve from it. */
  packageDir: string;
  /** Packages forbidden besides Node built-ins, with their subpaths (`ws` also forbids `ws/...`). */
  forbiddenPackages?: string[];
}

/**
 * Bundles `entry` as a browser would (workspace packages resolved to their sources) and lists
 * every import of a Node built-in or of a forbidden package, wherever in the graph it comes from.
 * @example
 * expect(await forbiddenBrowserImports({ file: 'src/index.ts' }, { packageDir })).toEqual([]);
 */
export async function forbiddenBrowserImports(
  entry: BundleEntry,
  check: BrowserImportCheck,
): Promise<string[]> {
  const forbiddenPackages = check.forbiddenPackages ?? [];
  const isForbidden = (name: string) =>
    isBuiltin(name) || forbiddenPackages.some((pkg) => name === pkg || name.startsWith(`${pkg}/`));
  const found: string[] = [];
  const recordForbidden: Plugin = {
    name: 'record-forbidden-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (!isForbidden(args.path)) return undefined;
        found.push(`${args.path} (imported by ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
  await build({
    ...('file' in entry
      ? { entryPoints: [path.join(check.packageDir, entry.file)] }
      : { stdin: { contents: entry.code, resolveDir: check.packageDir, loader: 'ts' } }),
    bundle: true,
    platform: 'browser',
    // Resolve workspace packages to their sources, as the workspace does.
    conditions: ['source'],
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [recordForbidden],
  });
  return found;
}
