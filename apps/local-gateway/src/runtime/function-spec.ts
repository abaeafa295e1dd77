import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type FunctionSpec,
  type LoadedManifest,
  lambdaDefaults,
  resolveFunction,
  resolveFunctions as resolveManifestFunctions,
} from '@switchboard/manifest';

/** Lambda's defaults when the manifest says nothing (`lambdaDefaults` of `@switchboard/manifest`). */
export const DEFAULT_TIMEOUT_SECONDS = lambdaDefaults.timeoutSeconds;
export const DEFAULT_MEMORY_MB = lambdaDefaults.memoryMb;

/** Everything an environment needs to start one function, resolved from the manifest. */
export interface ResolvedFunction {
  functionName: string;
  handler: string;
  /** Absolute path of the bundle without extension; the extension is picked at each start. */
  modulePathNoExt: string;
  exportName: string;
  timeoutSeconds: number;
  memoryMb: number;
  region: string;
  env: Record<string, string>;
}

/**
 * The variables a function sees, lowest precedence first: the manifest's `environment`, the
 * gateway's (`AWS_REGION`, credentials, local endpoints), then those Lambda itself reserves.
 * Nothing from the host's `process.env` leaks in, as on Lambda.
 */
export function buildFunctionEnv(
  functionName: string,
  spec: FunctionSpec,
  gatewayEnv: Record<string, string>,
  baseDir: string,
): Record<string, string> {
  const { memoryMb, timeoutSeconds } = resolveFunction(functionName, spec);
  return {
    ...spec.environment,
    ...gatewayEnv,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    // Not a variable Lambda sets; handy for code that wants its budget without a context.
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(timeoutSeconds),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: baseDir,
    _HANDLER: spec.handler,
    TZ: 'UTC',
  };
}

/** Resolves every manifest function once; `gatewayEnv` is `FunctionRuntimeOptions.environment`. */
export function resolveFunctions(
  loaded: LoadedManifest,
  gatewayEnv: Record<string, string>,
): Map<string, ResolvedFunction> {
  const region = gatewayEnv.AWS_REGION ?? 'us-east-1';
  const resolved = new Map<string, ResolvedFunction>();
  for (const fn of resolveManifestFunctions(loaded.manifest)) {
    resolved.set(fn.name, {
      functionName: fn.name,
      handler: fn.handler,
      modulePathNoExt: join(loaded.baseDir, fn.modulePath),
      exportName: fn.exportName,
      timeoutSeconds: fn.timeoutSeconds,
      memoryMb: fn.memoryMb,
      region,
      env: buildFunctionEnv(fn.name, loaded.manifest.functions[fn.name]!, gatewayEnv, loaded.baseDir),
    });
  }
  return resolved;
}

/**
 * The bundle's import URL: `.mjs` first, then `.js`. The query string busts the ESM cache so a
 * reloaded environment never sees a stale module, whichever loader it shares.
 */
export function bundleUrl(modulePathNoExt: string, generation: number): string {
  const file = ['.mjs', '.js'].map((ext) => modulePathNoExt + ext).find((path) => existsSync(path));
  // A missing bundle still gets a URL: the import fails in the worker with Lambda's error type.
  return `${pathToFileURL(file ?? `${modulePathNoExt}.mjs`).href}?v=${generation}`;
}
