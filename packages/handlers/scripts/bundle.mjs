/**
 * Bundles the reference application: every manifest function to
 * `<outDir>/functions/<name>/index.mjs` (ESM, minified, sourcemap, AWS SDK included, shared code
 * of lazily imported SDK parts in chunks beside it), then `<outDir>/manifest.json` and
 * `<outDir>/manifest.schema.json`. Used by `build.mjs` and by the tests' global setup.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Workspace packages resolve to their TypeScript sources (`source`), so bundling needs no prior
// build. Setting conditions drops esbuild's default `module`: without it @smithy/core resolves
// through `node` to its CommonJS build, which does not tree-shake (~200 KB more per bundle).
const conditions = ['source', 'module'];

// ESM output with CommonJS inside (parts of the SDK's dependencies) needs a real `require`.
const banner =
  "import{createRequire as __sbCreateRequire}from'node:module';const require=__sbCreateRequire(import.meta.url);";

/**
 * `@aws-sdk/core` reaches `bowser` (a browser user-agent parser, 34 KB minified) through a
 * dynamic import that only its browser code path runs; in Node it is dead weight.
 * @type {import('esbuild').Plugin}
 */
const stubBrowserOnlyModules = {
  name: 'stub-browser-only-modules',
  setup(build) {
    build.onResolve({ filter: /^bowser$/ }, (args) => ({ path: args.path, namespace: 'browser-only-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'browser-only-stub' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is browser-only and not bundled`)});`,
      loader: 'js',
    }));
  },
};

/**
 * The Lambda entry point of a manifest function, generated: there are no hand-written entry
 * files. A function serving protocol actions is `createMessageFunction` over its routes, each
 * custom route `x` imported from `src/routes/x.ts` (export `x`), with the clients of
 * `src/compose/<name>.ts` (export `<name>Clients`) when it has one. Any other function (the
 * authorizer, lifecycle routes, workflow tasks) is `create<Name>Function` of
 * `src/compose/<name>.ts`. Either way clients and config are built once per cold start.
 * @param {string} name
 * @param {{ routes?: string[] }} spec the function's manifest entry
 * @returns {string} TypeScript, resolved from `src/`
 */
export function entrySource(name, spec) {
  const actions = (spec.routes ?? []).filter((route) => !route.startsWith('$'));
  const composed = existsSync(join(packageDir, 'src/compose', `${name}.ts`));
  if (actions.length === 0) {
    if (!composed) throw new Error(`functions.${name}: src/compose/${name}.ts is missing`);
    const factory = `create${name[0].toUpperCase()}${name.slice(1)}Function`;
    return `import { ${factory} } from './compose/${name}.js';\nexport const handler = ${factory}(process.env);\n`;
  }
  const lines = [`import { createMessageFunction } from './compose/message-function.js';`];
  for (const action of actions) {
    // The route's file and export are named after the action, so it must be an identifier.
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(action)) {
      throw new Error(`functions.${name}: route "${action}" is not a name src/routes/ can export`);
    }
  }
  for (const action of actions) lines.push(`import { ${action} } from './routes/${action}.js';`);
  if (composed) lines.push(`import { ${name}Clients } from './compose/${name}.js';`);
  const clients = composed ? `, ${name}Clients(process.env)` : '';
  lines.push(
    `export const handler = createMessageFunction(${JSON.stringify(name)}, { ${actions.join(', ')} }${clients});`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Resolves `app-function:<name>` to its generated entry, compiled as TypeScript from `src/`.
 * @param {Record<string, any>} functions the manifest's functions
 * @returns {import('esbuild').Plugin}
 */
const generatedEntries = (functions) => ({
  name: 'generated-entries',
  setup(build) {
    build.onResolve({ filter: /^app-function:/ }, (args) => ({ path: args.path, namespace: 'app-function' }));
    build.onLoad({ filter: /.*/, namespace: 'app-function' }, (args) => {
      const name = args.path.slice('app-function:'.length);
      return {
        contents: entrySource(name, functions[name]),
        loader: 'ts',
        resolveDir: join(packageDir, 'src'),
      };
    });
  },
});

/**
 * Compiles `src/build-entry.ts` and imports it: the manifest and its validator as the build sees
 * them, from the same sources the bundles come from.
 */
export async function loadBuildEntry() {
  const scratch = await mkdtemp(join(tmpdir(), 'switchboard-handlers-'));
  try {
    const outfile = join(scratch, 'build-entry.mjs');
    await esbuild.build({
      entryPoints: [join(packageDir, 'src/build-entry.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      conditions,
      packages: 'bundle',
      banner: { js: banner },
      logLevel: 'silent',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * @param {{ outDir?: string, splitting?: boolean, externalSdk?: boolean }} [options]
 *   outDir @default `<package>/dist`; splitting (lazy SDK parts in chunks) @default true;
 *   externalSdk (leave `@aws-sdk/*` to the runtime; for comparisons only) @default false
 * @returns {Promise<{ outDir: string, manifest: any, bundles: Array<{ name: string, dir: string, entry: string }> }>}
 */
export async function bundleApp(options = {}) {
  const outDir = resolve(options.outDir ?? join(packageDir, 'dist'));
  const entry = await loadBuildEntry();
  const manifest = entry.parseManifest(entry.buildAppManifest());
  const names = Object.keys(manifest.functions);
  await rm(join(outDir, 'functions'), { recursive: true, force: true });
  const bundles = await Promise.all(
    names.map(async (name) => {
      const dir = join(outDir, 'functions', name);
      await esbuild.build({
        entryPoints: { index: `app-function:${name}` },
        outdir: dir,
        outExtension: { '.js': '.mjs' },
        bundle: true,
        splitting: options.splitting ?? true,
        external: options.externalSdk ? ['@aws-sdk/*', '@smithy/*'] : [],
        chunkNames: 'chunks/[name]-[hash]',
        platform: 'node',
        format: 'esm',
        // Lambda nodejs24.x; the local gateway runs the same Node.
        target: 'node24',
        minify: true,
        sourcemap: true,
        conditions,
        // The SDK ships ES modules under `module`: they tree-shake, the CommonJS builds do not.
        mainFields: ['module', 'main'],
        banner: { js: banner },
        legalComments: 'none',
        plugins: [generatedEntries(manifest.functions), stubBrowserOnlyModules],
        logLevel: 'warning',
      });
      return { name, dir, entry: join(dir, 'index.mjs') };
    }),
  );
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(outDir, 'manifest.schema.json'),
    `${JSON.stringify(entry.manifestJsonSchema(), null, 2)}\n`,
  );
  return { outDir, manifest, bundles };
}

/** Total bytes of the `.mjs` files of a bundle folder (source maps excluded). */
export async function bundleBytes(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.mjs'))
      total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/**
 * Bytes a cold start parses: the entry and the chunks it imports statically (transitively).
 * Chunks reached only by `import()` (SSO, STS and other credential providers) load on demand.
 */
export async function eagerBytes(entry) {
  const seen = new Set();
  const visit = async (file) => {
    if (seen.has(file)) return 0;
    seen.add(file);
    const text = await readFile(file, 'utf8');
    let total = Buffer.byteLength(text);
    for (const match of text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      total += await visit(join(dirname(file), match[1]));
    }
    return total;
  };
  return visit(entry);
}
