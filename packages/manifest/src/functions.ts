/**
 * Each manifest function as both worlds run it: Lambda's defaults applied, the handler split, the
 * routes and permissions as arrays (never undefined). The local gateway starts environments from
 * this and infra declares `aws_lambda_function`s from it.
 */
import { type FunctionDefaults, lambdaDefaults } from './defaults.js';
import { bundleDirOf, splitHandler } from './bundles.js';
import type { FunctionSpec, Manifest } from './format.js';
import type { Permission } from './names.js';

/** One manifest function, interpreted. */
export interface ResolvedFunctionSpec {
  /** The function's key in the manifest. */
  name: string;
  /** As written: `functions/ping/index.handler`. */
  handler: string;
  /** The module relative to the manifest's folder, without extension: `functions/ping/index`. */
  modulePath: string;
  exportName: string;
  /** The artifact's folder relative to the manifest's folder: `functions/ping`. */
  bundleDir: string;
  /** Route keys served; empty for an authorizer or a workflow task. */
  routes: string[];
  /** `routeResponse`: the function's `body` goes back to the caller. */
  twoWay: boolean;
  timeoutSeconds: number;
  memoryMb: number;
  permissions: Permission[];
  /** The manifest's own `environment` (without the injected variables). */
  environment: Record<string, string>;
}

/**
 * One function, resolved.
 * @example
 * resolveFunction('ping', { handler: 'functions/ping/index.handler', routes: ['ping'], routeResponse: true });
 * // { name: 'ping', modulePath: 'functions/ping/index', exportName: 'handler', bundleDir: 'functions/ping',
 * //   routes: ['ping'], twoWay: true, timeoutSeconds: 3, memoryMb: 128, permissions: [], environment: {}, ... }
 */
export function resolveFunction(
  name: string,
  spec: FunctionSpec,
  defaults: FunctionDefaults = {},
): ResolvedFunctionSpec {
  const { modulePath, exportName } = splitHandler(spec.handler);
  return {
    name,
    handler: spec.handler,
    modulePath,
    exportName,
    bundleDir: bundleDirOf(spec.handler),
    routes: [...(spec.routes ?? [])],
    twoWay: spec.routeResponse === true,
    timeoutSeconds: spec.timeoutSeconds ?? defaults.timeoutSeconds ?? lambdaDefaults.timeoutSeconds,
    memoryMb: spec.memoryMb ?? defaults.memoryMb ?? lambdaDefaults.memoryMb,
    permissions: [...(spec.permissions ?? [])],
    environment: { ...spec.environment },
  };
}

/**
 * Every function of a manifest, resolved, in manifest order.
 * @example
 * for (const fn of resolveFunctions(manifest, { memoryMb: stage.defaultMemoryMb })) {
 *   new LambdaFunction(scope, fn.name, { timeout: fn.timeoutSeconds, memorySize: fn.memoryMb, ... });
 * }
 */
export function resolveFunctions(
  manifest: Manifest,
  defaults: FunctionDefaults = {},
): ResolvedFunctionSpec[] {
  return Object.entries(manifest.functions).map(([name, spec]) => resolveFunction(name, spec, defaults));
}

/**
 * The functions granted a permission, in manifest order.
 * @example functionsGranted(manifest, 'startWorkflow') // ['submitJob']
 */
export function functionsGranted(manifest: Manifest, permission: Permission): string[] {
  return Object.entries(manifest.functions)
    .filter(([, spec]) => spec.permissions?.includes(permission))
    .map(([name]) => name);
}
