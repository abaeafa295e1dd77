import { randomUUID } from 'node:crypto';
import type { FunctionRuntime, FunctionRuntimeOptions, InvocationResult } from '../contracts.js';
import { EnvironmentPool } from './environment-pool.js';
import { RuntimeClosedError, UnknownFunctionError } from './errors.js';
import { type FunctionLogSink, writeFunctionLogToStderr } from './function-logs.js';
import { resolveFunctions } from './function-spec.js';
import { resolveWorkerBootstrap } from './worker-path.js';

/** {@link FunctionRuntimeOptions} plus what only the runtime's own callers need. */
export interface CreateFunctionRuntimeOptions extends FunctionRuntimeOptions {
  /** Where functions' console output goes. @default `[name] line` on stderr */
  onLog?: FunctionLogSink;
}

/**
 * Runs manifest functions as Lambda does: each in its own worker thread with its own
 * environment variables and heap limit, warm between calls, one call at a time per environment,
 * `timeoutSeconds` enforced by replacing the environment.
 *
 * @example
 * const runtime = createFunctionRuntime({ loaded, environment: { AWS_REGION: 'us-east-1' } });
 * const result = await runtime.invoke('rooms', event, { awsRequestId: 'R1kmxc2VNjMCFIA=' });
 * if (!result.ok) console.error(result.error.errorType, result.error.message);
 * await runtime.close();
 */
export function createFunctionRuntime(options: CreateFunctionRuntimeOptions): FunctionRuntime {
  const functions = resolveFunctions(options.loaded, options.environment);
  const bootstrapPath = resolveWorkerBootstrap();
  const maxEnvironments = options.maxEnvironmentsPerFunction ?? 8;
  const logSink = options.onLog ?? writeFunctionLogToStderr;
  const pools = new Map<string, EnvironmentPool>();
  let closed = false;

  // Pools (and so workers) start on first use: a manifest's authorizer or workflow tasks may
  // never be called in a session.
  const poolOf = (functionName: string): EnvironmentPool => {
    let pool = pools.get(functionName);
    if (!pool) {
      const fn = functions.get(functionName);
      if (!fn) throw new UnknownFunctionError(functionName);
      pool = new EnvironmentPool({ fn, maxEnvironments, bootstrapPath, logSink });
      pools.set(functionName, pool);
    }
    return pool;
  };

  return {
    async invoke(functionName, event, context): Promise<InvocationResult> {
      if (closed) throw new RuntimeClosedError();
      const pool = poolOf(functionName);
      // Events cross into the worker as JSON, as they reach Lambda.
      return pool.invoke(JSON.stringify(event ?? null), context?.awsRequestId ?? randomUUID());
    },
    reload() {
      for (const pool of pools.values()) pool.reload();
    },
    async close() {
      closed = true;
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
