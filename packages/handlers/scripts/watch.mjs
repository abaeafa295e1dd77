/**
 * `build.mjs --watch`: keeps one esbuild context per function (and one for the manifest module)
 * and rebuilds, with esbuild's incremental `rebuild()`, only the functions whose inputs changed.
 * Inputs are what esbuild's metafile lists: the app's `src/` and the workspace packages it
 * imports (their sources, through the `source` condition); each of their folders is watched.
 *
 * Outputs are written atomically and only when they changed (write-outputs.mjs), the manifest
 * after the bundles it names. A build error (esbuild's message, with file and line) is printed
 * once per round and changes nothing on disk: the last good bundle and manifest stay.
 *
 * Why not esbuild's own `watch()`: it polls, checking a random subset of files on each pass, so
 * a save is noticed after a variable delay; and ten contexts would each poll the same files.
 * `fs.watch` on the input folders hears a save at once, and one round rebuilds what it affects.
 */
import { watch } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { buildEntryOptions, functionBuildOptions, packageDir, writeManifestFiles } from './bundle.mjs';
import { createOutputWriter, staleFiles } from './write-outputs.mjs';

/** How long files an older build left behind (chunks of a previous hash) stay: old workers may still import them lazily. */
const STALE_GRACE_MS = 10_000;

/** Absolute input paths of a build, from its metafile (plugin namespaces left out). */
const inputsOf = (result, appDir) =>
  new Set(
    Object.keys(result.metafile?.inputs ?? {})
      .filter((path) => !/^[a-z-]+:/.test(path))
      .map((path) => resolve(appDir, path)),
  );

const formatErrors = (error) =>
  esbuild.formatMessagesSync(error.errors ?? [{ text: String(error.message ?? error) }], { kind: 'error' });

/**
 * Starts the watch build. Resolves once the first round (a full build) is written.
 * @param {{ outDir: string, appDir?: string, debounceMs?: number, log?: (line: string) => void,
 *   onRound?: (round: { functions: string[], written: string[], failed: boolean, ms: number, esbuildMs: number, writeMs: number }) => void }} options
 *   appDir @default this package; debounceMs: quiet time after a change @default 15;
 *   log @default stdout
 * @returns {Promise<{ close(): Promise<void> }>}
 */
export async function watchApp(options) {
  const appDir = options.appDir ?? packageDir;
  const outDir = resolve(options.outDir);
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  const writer = createOutputWriter();
  const scratch = await mkdtemp(join(tmpdir(), 'switchboard-handlers-watch-'));
  const entryContext = await esbuild.context({
    ...buildEntryOptions(appDir),
    outfile: join(scratch, 'build-entry.mjs'),
    write: false,
    metafile: true,
  });
  let entryInputs = new Set();
  let entryVersion = 0;
  /** The last manifest that parsed, and the JSON Schema beside it. */
  let current = { manifest: undefined, schema: undefined };
  /** @type {Map<string, { context: import('esbuild').BuildContext, inputs: Set<string>, built: boolean, routes: string }>} */
  const functions = new Map();
  let lastErrors = '';
  /** Functions a round skipped because the manifest module failed. */
  const deferred = new Set();

  const printErrors = (messages) => {
    const text = [...new Set(messages)].join('');
    if (text === lastErrors) log('handlers: build still failing (the same error as above)');
    else process.stderr.write(text);
    lastErrors = text;
  };

  /** Re-evaluates the manifest module; undefined when it did not build or does not validate. */
  const evaluateManifest = async () => {
    let result;
    try {
      result = await entryContext.rebuild();
    } catch (error) {
      return { errors: formatErrors(error) };
    }
    entryInputs = inputsOf(result, appDir);
    const file = join(scratch, `build-entry-${++entryVersion}.mjs`);
    await writeFile(file, result.outputFiles[0].contents);
    const entry = await import(pathToFileURL(file).href);
    try {
      return { manifest: entry.parseManifest(entry.buildAppManifest()), schema: entry.manifestJsonSchema() };
    } catch (error) {
      return { errors: [`${error.message}\n`] };
    }
  };

  const contextFor = async (name) =>
    esbuild.context(
      functionBuildOptions(name, { outDir, appDir, functions: () => current.manifest.functions }),
    );

  const cleanLater = (dir, keep) =>
    setTimeout(async () => {
      for (const path of await staleFiles(dir, keep)) await rm(path, { force: true });
    }, STALE_GRACE_MS).unref();

  /** One round: the manifest if its module changed, then the functions the changes touch. */
  const runRound = async (changed) => {
    const started = performance.now();
    const all = changed === 'all';
    const touches = (inputs) => all || [...changed].some((path) => inputs.has(path));
    const known = all || touches(entryInputs) || [...functions.values()].some((fn) => touches(fn.inputs));
    const errors = [];
    const affected = new Set();
    let manifestChanged = false;

    // A file no build has read yet (a new route or compose file) may change any entry.
    if (!known || touches(entryInputs) || !current.manifest) {
      const next = await evaluateManifest();
      if (next.errors) errors.push(...next.errors);
      else if (JSON.stringify(next.manifest) !== JSON.stringify(current.manifest)) {
        manifestChanged = true;
        const before = current.manifest?.functions ?? {};
        current = next;
        for (const [name, fn] of functions) {
          if (name in next.manifest.functions) continue;
          await fn.context.dispose();
          functions.delete(name);
          cleanLater(join(outDir, 'functions', name), new Set());
        }
        for (const [name, spec] of Object.entries(next.manifest.functions)) {
          const routes = JSON.stringify(spec.routes ?? []);
          if (!functions.has(name)) {
            functions.set(name, { context: await contextFor(name), inputs: new Set(), built: false, routes });
          }
          const fn = functions.get(name);
          if (!(name in before) || fn.routes !== routes) affected.add(name);
          fn.routes = routes;
        }
      } else current = next;
    }
    if (current.manifest) {
      for (const [name, fn] of functions) if (!known || touches(fn.inputs) || !fn.built) affected.add(name);
    }
    // A manifest module that fails leaves everything on disk as it was (bundles import it too);
    // what this round would have rebuilt waits for the round that fixes it.
    if (errors.length > 0) {
      for (const name of affected) deferred.add(name);
      affected.clear();
    } else {
      for (const name of deferred) if (functions.has(name)) affected.add(name);
      deferred.clear();
    }

    const names = [...affected];
    const esbuildStarted = performance.now();
    const results = await Promise.all(
      names.map((name) =>
        functions
          .get(name)
          .context.rebuild()
          .catch((error) => ({ error })),
      ),
    );
    const esbuildMs = Math.round(performance.now() - esbuildStarted);
    const writeStarted = performance.now();
    const written = [];
    for (const [index, result] of results.entries()) {
      const fn = functions.get(names[index]);
      if (result.error) {
        errors.push(...formatErrors(result.error));
        continue;
      }
      fn.inputs = inputsOf(result, appDir);
      fn.built = true;
      written.push(...(await writer.write(result.outputFiles)));
      cleanLater(join(outDir, 'functions', names[index]), new Set(result.outputFiles.map((f) => f.path)));
    }
    // The manifest goes last, and only once every function it names has a bundle.
    const unbuilt = [...functions].filter(([, fn]) => !fn.built).map(([name]) => name);
    if (current.manifest && unbuilt.length === 0) {
      written.push(...(await writeManifestFiles(writer, outDir, current.manifest, current.schema)));
    } else if (manifestChanged && unbuilt.length > 0) {
      log(`handlers: manifest.json not updated until ${unbuilt.join(', ')} builds`);
    }
    const writeMs = Math.round(performance.now() - writeStarted);
    if (errors.length > 0) printErrors(errors);
    else lastErrors = '';
    watchInputFolders();
    const ms = Math.round(performance.now() - started);
    if (errors.length > 0) log(`handlers: build failed in ${ms} ms; the last good bundles keep serving`);
    else if (written.length > 0) {
      const split = `esbuild ${esbuildMs} ms, ${written.length} files written in ${writeMs} ms`;
      log(`handlers: rebuilt ${names.join(', ') || 'manifest'} in ${ms} ms (${split})`);
    }
    options.onRound?.({ functions: names, written, failed: errors.length > 0, ms, esbuildMs, writeMs });
  };

  // Folder watchers over every input outside node_modules; one change event queues a round.
  const watchers = new Map();
  let pending = new Set();
  let timer;
  let running = Promise.resolve();
  let closed = false;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = pending;
      pending = new Set();
      running = running
        .then(() => (closed ? undefined : runRound(changed)))
        .catch((error) => {
          process.stderr.write(`handlers: watch round failed: ${error.stack ?? error}\n`);
        });
    }, options.debounceMs ?? 15);
  };
  const watchInputFolders = () => {
    const inputs = [...entryInputs, ...[...functions.values()].flatMap((fn) => [...fn.inputs])];
    for (const dir of new Set(inputs.filter((p) => !p.includes('/node_modules/')).map((p) => dirname(p)))) {
      if (watchers.has(dir)) continue;
      let watcher;
      try {
        watcher = watch(dir, (_event, file) => {
          if (!file || basename(file.toString()).startsWith('.')) return;
          pending.add(join(dir, file.toString()));
          schedule();
        });
      } catch (error) {
        log(`handlers: cannot watch ${dir}: ${error.message}`);
        continue;
      }
      // A folder deleted while watched: forget it; the next round watches what is read then.
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    }
  };

  running = runRound('all');
  await running;
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      await running;
      await Promise.all(
        [entryContext, ...[...functions.values()].map((fn) => fn.context)].map((c) => c.dispose()),
      );
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
