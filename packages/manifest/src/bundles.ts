/**
 * Where a function's code is: the manifest's Lambda-style `handler` (`functions/ping/index.handler`)
 * split into the module (relative to the manifest's folder, without extension) and the export,
 * and the folder that is the function's artifact. Zod-free: builds and bundles may import it.
 */
import { posix } from 'node:path';

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
