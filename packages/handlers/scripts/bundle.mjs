/**
 * Bundles the reference application: every manifest function to
 * `<outDir>/functions/<name>/index.mjs` (ESM, minified, sourcemap, AWS SDK included, shared code
 * of lazily imported SDK parts in chunks beside it), then `<outDir>/manifest.json` and
 * `<outDir>/manifest.schema.json`. Used by `build.mjs` and by the tests' global setup.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { createOutputWriter, staleFiles } from './write-outputs.mjs';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Workspace packages resolve to their TypeScript sources (`source`), so bundling needs no prior
// build. Setting conditions drops esbuild's default `module`: without it @smithy/core resolves
// through `node` to its CommonJS build, which does not tree-shake (~200 KB more per bundle).
export const conditions = ['source', 'module'];

// ESM output with CommonJS inside (parts of the SDK's dependencies) needs a real `require`.
export const banner =
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
 * @param {string} [appDir] the package whose `src/` is bundled @default this package
 * @returns {string} TypeScript, resolved from `src/`
 */
export function entrySource(name, spec, appDir = packageDir) {
  const actions = (spec.routes ?? []).filter((route) => !route.startsWith('$'));
  const composed = existsSync(join(appDir, 'src/compose', `${name}.ts`));
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
 * `functions` is read at each load, so a watch build that swaps it in place regenerates entries.
 * @param {() => Record<string, any>} functions the manifest's functions, now
 * @param {string} appDir
 * @returns {import('esbuild').Plugin}
 */
const generatedEntries = (functions, appDir) => ({
  name: 'generated-entries',
  setup(build) {
    build.onResolve({ filter: /^app-function:/ }, (args) => ({ path: args.path, namespace: 'app-function' }));
    build.onLoad({ filter: /.*/, namespace: 'app-function' }, (args) => {
      const name = args.path.slice('app-function:'.length);
      return {
        contents: entrySource(name, functions()[name], appDir),
        loader: 'ts',
        resolveDir: join(appDir, 'src'),
      };
    });
  },
});

/** esbuild options of `src/build-entry.ts`: the manifest and its validator, as one module. */
export function buildEntryOptions(appDir = packageDir) {
  return {
    entryPoints: [join(appDir, 'src/build-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    conditions,
    packages: 'bundle',
    banner: { js: banner },
    absWorkingDir: appDir,
    logLevel: 'silent',
  };
}

/**
 * Compiles `src/build-entry.ts` and imports it: the manifest and its validator as the build sees
 * them, from the same sources the bundles come from.
 */
export async function loadBuildEntry(appDir = packageDir) {
  const scratch = await mkdtemp(join(tmpdir(), 'switchboard-handlers-'));
  try {
    const outfile = join(scratch, 'build-entry.mjs');
    await esbuild.build({ ...buildEntryOptions(appDir), outfile });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * esbuild options of one function's bundle, `<outDir>/functions/<name>/`, held in memory
 * (`write: false`) so the caller writes the files atomically.
 * @param {string} name
 * @param {{ outDir: string, appDir?: string, functions: () => Record<string, any>, splitting?: boolean, externalSdk?: boolean }} options
 * @returns {import('esbuild').BuildOptions}
 */
export function functionBuildOptions(name, options) {
  const appDir = options.appDir ?? packageDir;
  return {
    entryPoints: { index: `app-function:${name}` },
    outdir: join(options.outDir, 'functions', name),
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
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
    plugins: [generatedEntries(options.functions, appDir), stubBrowserOnlyModules],
    absWorkingDir: appDir,
    logLevel: 'silent',
  };
}

/** Writes `manifest.json` and `manifest.schema.json`, each atomically and only when changed. */
export async function writeManifestFiles(writer, outDir, manifest, schema) {
  return writer.write([
    { path: join(outDir, 'manifest.json'), contents: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: join(outDir, 'manifest.schema.json'), contents: `${JSON.stringify(schema, null, 2)}\n` },
  ]);
}

/**
 * One build of every function. Bundles replace the previous ones atomically (no moment without a
 * bundle, so a running `switchboard dev` keeps answering), the manifest is written last, and
 * files the previous build left (old chunks, removed functions) are deleted afterwards.
 * @param {{ outDir?: string, appDir?: string, splitting?: boolean, externalSdk?: boolean }} [options]
 *   outDir @default `<package>/dist`; appDir (the package bundled) @default this package;
 *   splitting (lazy SDK parts in chunks) @default true; externalSdk (leave `@aws-sdk/*` to the
 *   runtime; for comparisons only) @default false
 * @returns {Promise<{ outDir: string, manifest: any, bundles: Array<{ name: string, dir: string, entry: string }> }>}
 */
export async function bundleApp(options = {}) {
  const outDir = resolve(options.outDir ?? join(packageDir, 'dist'));
  const appDir = options.appDir ?? packageDir;
  const entry = await loadBuildEntry(appDir);
  const manifest = entry.parseManifest(entry.buildAppManifest());
  const names = Object.keys(manifest.functions);
  const writer = createOutputWriter();
  const results = await Promise.all(
    names.map((name) =>
      esbuild
        .build(
          functionBuildOptions(name, { ...options, outDir, appDir, functions: () => manifest.functions }),
        )
        .catch((error) => {
          // esbuild's own text: file, line, column and the offending code.
          const messages = esbuild.formatMessagesSync(error.errors ?? [], { kind: 'error' });
          if (messages.length > 0) process.stderr.write(messages.join(''));
          throw error;
        }),
    ),
  );
  const keep = new Set();
  for (const result of results) {
    for (const file of result.outputFiles) keep.add(file.path);
    await writer.write(result.outputFiles);
  }
  await writeManifestFiles(writer, outDir, manifest, entry.manifestJsonSchema());
  for (const path of await staleFiles(join(outDir, 'functions'), keep)) await rm(path, { force: true });
  return {
    outDir,
    manifest,
    bundles: names.map((name) => {
      const dir = join(outDir, 'functions', name);
      return { name, dir, entry: join(dir, 'index.mjs') };
    }),
  };
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
