/**
 * Where a function's code is: the manifest's Lambda-style `handler` (`functions/ping/index.handler`)
 * split into the module (relative to the manifest's folder, without extension) and the export,
 * and the folder that is the function's artifact. Zod-free: builds and bundles may import it.
 */
import { existsSync } from 'node:fs';
import { posix, resolve } from 'node:path';

/**
 * Splits a Lambda-style handler into the module file (relative, no extension) and export.
 * @example splitHandler('functions/ping/index.handler') // { modulePath: 'functions/ping/index', exportName: 'handler' }
 */
export function splitHandler(handler: string): { modulePath: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return { modulePath: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

/**
 * The folder of a handler's module, relative to the manifest's folder: what Lambda uploads as the
 * function's artifact (`.` when the module sits at the manifest's root).
 * @example bundleDirOf('functions/ping/index.handler') // 'functions/ping'
 */
export function bundleDirOf(handler: string): string {
  return posix.dirname(splitHandler(handler).modulePath);
}

/**
 * The extensions a handler's module may have, in the order Lambda's Node.js runtime tries them
 * (aws-lambda-nodejs-runtime-interface-client, `UserFunction.js`: `.js`, then `.mjs`, then `.cjs`).
 * The manifest's `handler` names the module without one.
 */
export const bundleExtensions = ['.js', '.mjs', '.cjs'] as const;

/**
 * The module file a handler names, under the manifest's folder `baseDir`, with the first of
 * {@link bundleExtensions} that exists; undefined when none does (the app is not built).
 * @example findBundleFile('/app/dist', 'functions/ping/index.handler') // '/app/dist/functions/ping/index.mjs'
 */
export function findBundleFile(baseDir: string, handler: string): string | undefined {
  const modulePath = resolve(baseDir, splitHandler(handler).modulePath);
  return bundleExtensions.map((ext) => `${modulePath}${ext}`).find((file) => existsSync(file));
}

/**
 * The handler as Lambda reads it when the function's artifact is its {@link bundleDirOf} folder:
 * the module's file name inside that folder, a dot, the export.
 * @example handlerInBundle('functions/ping/index.handler') // 'index.handler'
 */
export function handlerInBundle(handler: string): string {
  const { modulePath, exportName } = splitHandler(handler);
  return `${posix.basename(modulePath)}.${exportName}`;
}

/**
 * The layout a build following the house convention writes: one folder per function with an
 * `index.mjs` exporting `handler`. The reference app's build uses it; any other layout is valid.
 * @example conventionalBundle('ping') // { handler: 'functions/ping/index.handler', file: 'functions/ping/index.mjs' }
 */
export function conventionalBundle(functionName: string): { handler: string; file: string } {
  return {
    handler: `functions/${functionName}/index.handler`,
    file: `functions/${functionName}/index.mjs`,
  };
}
