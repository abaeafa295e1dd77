// The protocol must load in a browser: bundle it as a browser would and fail on any import of
// a Node built-in, wherever in the dependency graph it comes from.
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

async function nodeImportsOfBrowserBundle(entry: { file: string } | { code: string }): Promise<string[]> {
  const found: string[] = [];
  const recordNodeImports: Plugin = {
    name: 'record-node-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined;
        found.push(`${args.path} (imported by ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
  const packageDir = path.join(__dirname, '..');
  await build({
    ...('file' in entry
      ? { entryPoints: [path.join(packageDir, entry.file)] }
      : { stdin: { contents: entry.code, resolveDir: packageDir, loader: 'ts' } }),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [recordNodeImports],
  });
  return found;
}

describe('browser bundle', () => {
  it('imports no Node built-in', async () => {
    expect(await nodeImportsOfBrowserBundle({ file: 'src/index.ts' })).toEqual([]);
  });

  it('would catch a Node built-in import (the check itself works)', async () => {
    const found = await nodeImportsOfBrowserBundle({ code: "export { createHash } from 'node:crypto';" });
    expect(found).toEqual([expect.stringContaining('node:crypto')]);
  });
});
