import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type FunctionSpec, type LoadedManifest, splitHandler } from '@switchboard/handlers/manifest';

/** Lambda's defaults when the manifest says nothing. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_MEMORY_MB = 128;

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
  const memoryMb = spec.memoryMb ?? DEFAULT_MEMORY_MB;
  return {
    ...spec.environment,
    ...gatewayEnv,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    // Not a variable Lambda sets; handy for code that wants its budget without a context.
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
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
  for (const [functionName, spec] of Object.entries(loaded.manifest.functions)) {
    const { modulePath, exportName } = splitHandler(spec.handler);
    resolved.set(functionName, {
      functionName,
      handler: spec.handler,
      modulePathNoExt: join(loaded.baseDir, modulePath),
      exportName,
      timeoutSeconds: spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      memoryMb: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      region,
      env: buildFunctionEnv(functionName, spec, gatewayEnv, loaded.baseDir),
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
