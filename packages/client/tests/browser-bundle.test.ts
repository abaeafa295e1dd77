// The client must load in a browser: bundle it as a browser would and fail on any import of a
// Node built-in or of `ws` (Node callers pass `ws` in; the package never imports it).
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

async function forbiddenImportsOfBrowserBundle(
  entry: { file: string } | { code: string },
): Promise<string[]> {
  const found: string[] = [];
  const recordForbidden: Plugin = {
    name: 'record-forbidden-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path) && args.path !== 'ws' && !args.path.startsWith('ws/')) return undefined;
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
    // Resolve @switchboard/protocol to its source, as the workspace does.
    conditions: ['source'],
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [recordForbidden],
  });
  return found;
}

describe('browser bundle', () => {
  it('imports neither a Node built-in nor ws, through the protocol either', async () => {
    expect(await forbiddenImportsOfBrowserBundle({ file: 'src/index.ts' })).toEqual([]);
  });

  it('would catch ws or a Node built-in (the check itself works)', async () => {
    const found = await forbiddenImportsOfBrowserBundle({
      code: "export { WebSocket } from 'ws'; export { EventEmitter } from 'node:events';",
    });
    expect(found).toEqual([expect.stringContaining('ws'), expect.stringContaining('node:events')]);
  });
});
