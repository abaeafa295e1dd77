export {
  type CreateFunctionRuntimeOptions,
  createFunctionRuntime,
  DEFAULT_RECLAIM_IDLE_ENVIRONMENT_MS,
  defaultMaxEnvironmentsPerFunction,
  resolveRuntimeOptions,
} from './function-runtime.js';
export {
  FunctionRuntimeError,
  RuntimeClosedError,
  UnknownFunctionError,
  WorkerBootstrapMissingError,
} from './errors.js';
export {
  type BatchedLogSink,
  createBatchedStderrSink,
  type FunctionLogLine,
  type FunctionLogSink,
  writeFunctionLogToStderr,
} from './function-logs.js';
export { buildFunctionEnv, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from './function-spec.js';
export { type BundleWatcher, type WatchBundlesOptions, watchBundles } from './watch-bundles.js';
