import { Worker } from 'node:worker_threads';
import type { InvocationResult } from '../contracts.js';
import { type FunctionLogSink, forwardLines } from './function-logs.js';
import { bundleUrl, type ResolvedFunction } from './function-spec.js';

/** Lambda gives the init phase 10 s, apart from the function's own timeout. */
export const INIT_TIMEOUT_MS = 10_000;

type Failure = Extract<InvocationResult, { ok: false }>['error'];

/** One warm execution environment: a worker that has imported one function's bundle. */
export interface Environment {
  readonly generation: number;
  /** False once the worker has exited (crash, timeout, terminate). */
  readonly alive: boolean;
  /** Runs one invocation; the pool never calls it while another is in flight. */
  invoke(eventJson: string, awsRequestId: string): Promise<InvocationResult>;
  terminate(): Promise<void>;
}

export interface EnvironmentOptions {
  fn: ResolvedFunction;
  generation: number;
  bootstrapPath: string;
  logSink: FunctionLogSink;
  /** Called once when the worker is gone, whatever the reason. */
  onExit(environment: Environment): void;
}

/** The worker's messages other than a success (which is a string). */
interface WorkerMessage {
  type: 'ready' | 'init-error' | 'result';
  id?: number;
  errorType?: string;
  message?: string;
}

/** Starts a worker that imports the bundle right away, as Lambda's init phase does. */
export function startEnvironment(options: EnvironmentOptions): Environment {
  const { fn, generation } = options;
  const worker = new Worker(options.bootstrapPath, {
    workerData: {
      bundleUrl: bundleUrl(fn.modulePathNoExt, generation),
      exportName: fn.exportName,
      functionName: fn.functionName,
      memoryMb: fn.memoryMb,
      region: fn.region,
    },
    env: fn.env,
    // The thread's name in `top -H` and /proc (15 characters kept), so CPU can be told apart.
    name: `fn:${fn.functionName}`,
    // Lambda's memory setting bounds the heap; going past it kills the environment.
    resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb },
    stdout: true,
    stderr: true,
  });
  forwardLines(worker.stdout, fn.functionName, 'stdout', options.logSink);
  forwardLines(worker.stderr, fn.functionName, 'stderr', options.logSink);

  let alive = true;
  let initialized = false;
  let lastError: Error | undefined;
  let nextId = 1;
  let current: { id: number; settle(failure: Failure | null, valueJson?: string): void } | undefined;
  let initDone: (failure: Failure | null) => void = () => {};
  const ready = new Promise<Failure | null>((resolve) => {
    initDone = resolve;
  });

  // Not alive from the moment it is condemned: termination is asynchronous, and the pool must not
  // hand the next call to an environment that is on its way out.
  const retire = (): Promise<number> => {
    alive = false;
    return worker.terminate();
  };

  const crashFailure = (exitCode: number): Failure => {
    if ((lastError as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return {
        kind: 'crash',
        errorType: 'Runtime.OutOfMemory',
        message: `Runtime exited: ${lastError?.message}`,
      };
    }
    const reason = lastError ? `${lastError.name}: ${lastError.message}` : `exit status ${exitCode}`;
    return { kind: 'crash', errorType: 'Runtime.ExitError', message: `Runtime exited with error: ${reason}` };
  };

  worker.on('message', (message: WorkerMessage | string) => {
    if (typeof message === 'string') {
      // A success: `id\nvalueJson` (see worker-bootstrap.mjs).
      const newline = message.indexOf('\n');
      if (current && Number(message.slice(0, newline)) === current.id) {
        current.settle(null, message.slice(newline + 1));
      }
    } else if (message.type === 'ready') initDone(null);
    else if (message.type === 'init-error') {
      initDone({
        kind: 'error',
        errorType: message.errorType ?? 'Runtime.Unknown',
        message: message.message ?? '',
      });
      retire();
    } else if (message.type === 'result' && current && message.id === current.id) {
      current.settle({
        kind: 'error',
        errorType: message.errorType ?? 'Error',
        message: message.message ?? '',
      });
    }
  });
  worker.on('error', (error) => {
    lastError = error;
  });
  worker.on('exit', (exitCode) => {
    alive = false;
    const failure = crashFailure(exitCode);
    initDone(failure);
    current?.settle(failure);
    options.onExit(environment);
  });

  const environment: Environment = {
    generation,
    get alive() {
      return alive;
    },
    async invoke(eventJson, awsRequestId) {
      const startedAt = performance.now();
      const done = (failure: Failure | null, value?: unknown): InvocationResult => {
        const durationMs = Math.round((performance.now() - startedAt) * 100) / 100;
        return failure ? { ok: false, error: failure, durationMs } : { ok: true, value, durationMs };
      };
      // Warm calls skip the init wait: no timer and no extra promise turn per invocation.
      if (!initialized) {
        const initTimer = setTimeout(() => {
          initDone({
            kind: 'timeout',
            errorType: 'Sandbox.Timedout',
            message: 'Init phase timed out after 10.00 seconds',
          });
          retire();
        }, INIT_TIMEOUT_MS);
        const initFailure = await ready.finally(() => clearTimeout(initTimer));
        if (initFailure) return done(initFailure);
        initialized = true;
      }

      const id = nextId++;
      const timeoutMs = fn.timeoutSeconds * 1000;
      return new Promise<InvocationResult>((resolve) => {
        const timer = setTimeout(() => {
          const message = `RequestId: ${awsRequestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`;
          current?.settle({ kind: 'timeout', errorType: 'Sandbox.Timedout', message });
          // The environment may be stuck in a loop: only terminating it frees the thread.
          retire();
        }, timeoutMs);
        current = {
          id,
          settle(failure, valueJson) {
            if (current?.id !== id) return;
            current = undefined;
            clearTimeout(timer);
            resolve(done(failure, failure ? undefined : JSON.parse(valueJson ?? 'null')));
          },
        };
        worker.postMessage(`${id}\n${Date.now() + timeoutMs}\n${JSON.stringify(awsRequestId)}\n${eventJson}`);
      });
    },
    async terminate() {
      await retire();
    },
  };
  return environment;
}
