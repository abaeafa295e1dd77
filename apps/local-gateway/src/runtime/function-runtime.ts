import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type {
  FunctionRuntime,
  FunctionRuntimeOptions,
  InvocationResult,
  RuntimeOptions,
} from '../contracts.js';
import { EnvironmentPool } from './environment-pool.js';
import { RuntimeClosedError, UnknownFunctionError } from './errors.js';
import { createBatchedStderrSink, type FunctionLogSink } from './function-logs.js';
import { resolveFunctions } from './function-spec.js';
import { resolveWorkerBootstrap } from './worker-path.js';

/** {@link FunctionRuntimeOptions} plus what only the runtime's own callers need. */
export interface CreateFunctionRuntimeOptions extends FunctionRuntimeOptions {
  /** Where functions' console output goes. @default `[name] line` on stderr, once per event-loop turn */
  onLog?: FunctionLogSink;
}

/**
 * Environments per function when calls overlap: one per core, at least two. Each environment is
 * a worker thread with its own V8 heap and bundle (about 25 MB), and more workers than cores only
 * adds memory and garbage collection: with 1, 2 and 8 environments the bench's throughput was the
 * same on 2 cores (apps/loadgen/README.md).
 */
export function defaultMaxEnvironmentsPerFunction(): number {
  return Math.max(2, availableParallelism());
}

/** Lambda reclaims idle environments after minutes; so does the gateway, keeping one warm. */
export const DEFAULT_RECLAIM_IDLE_ENVIRONMENT_MS = 300_000;

/** {@link RuntimeOptions} with every default filled in: the one place they are resolved. */
export function resolveRuntimeOptions(options: RuntimeOptions = {}): Required<RuntimeOptions> {
  return {
    maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction ?? defaultMaxEnvironmentsPerFunction(),
    reclaimIdleEnvironmentMs: options.reclaimIdleEnvironmentMs ?? DEFAULT_RECLAIM_IDLE_ENVIRONMENT_MS,
  };
}

/**
 * Runs manifest functions as Lambda does: each in its own worker thread with its own
 * environment variables and heap limit, warm between calls, one call at a time per environment,
 * `timeoutSeconds` enforced by replacing the environment. Overlapping calls start up to
 * `maxEnvironmentsPerFunction` environments (default: {@link defaultMaxEnvironmentsPerFunction})
 * and then wait in order (Lambda would scale further; on one machine more workers than cores only
 * cost memory, and a queued call still runs once, in order). Environments idle for
 * `reclaimIdleEnvironmentMs` are terminated, one per function staying warm.
 *
 * @example
 * const runtime = createFunctionRuntime({ loaded, environment: { AWS_REGION: 'us-east-1' } });
 * const result = await runtime.invoke('rooms', event, { awsRequestId: 'R1kmxc2VNjMCFIA=' });
 * if (!result.ok) console.error(result.error.errorType, result.error.message);
 * await runtime.close();
 */
export function createFunctionRuntime(options: CreateFunctionRuntimeOptions): FunctionRuntime {
  let functions = resolveFunctions(options.loaded, options.environment);
  const bootstrapPath = resolveWorkerBootstrap();
  const { maxEnvironmentsPerFunction: maxEnvironments, reclaimIdleEnvironmentMs: reclaimIdleMs } =
    resolveRuntimeOptions(options);
  const stderrSink = createBatchedStderrSink();
  const logSink = options.onLog ?? stderrSink;
  const pools = new Map<string, EnvironmentPool>();
  /** Pools of functions a manifest change removed: their last calls finish, close() ends them. */
  const draining = new Set<EnvironmentPool>();
  let closed = false;

  // Pools (and so workers) start on first use: a manifest's authorizer or workflow tasks may
  // never be called in a session.
  const poolOf = (functionName: string): EnvironmentPool => {
    let pool = pools.get(functionName);
    if (!pool) {
      const fn = functions.get(functionName);
      if (!fn) throw new UnknownFunctionError(functionName);
      pool = new EnvironmentPool({ fn, maxEnvironments, reclaimIdleMs, bootstrapPath, logSink });
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
    reload(functionNames) {
      for (const [name, pool] of pools) if (!functionNames || functionNames.includes(name)) pool.reload();
    },
    update(next) {
      const before = functions;
      functions = resolveFunctions(next.loaded, next.environment);
      const changed: string[] = [];
      for (const [name, pool] of pools) {
        const fn = functions.get(name);
        if (!fn) {
          pools.delete(name);
          pool.drain();
          draining.add(pool);
        } else if (JSON.stringify(fn) !== JSON.stringify(before.get(name))) {
          pool.reload(fn);
        }
      }
      for (const [name, fn] of functions) {
        if (JSON.stringify(fn) !== JSON.stringify(before.get(name))) changed.push(name);
      }
      for (const name of before.keys()) if (!functions.has(name)) changed.push(name);
      return changed;
    },
    async close() {
      closed = true;
      await Promise.all([...pools.values(), ...draining].map((pool) => pool.close()));
      stderrSink.flush();
    },
  };
}
