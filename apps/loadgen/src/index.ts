export { parseLoadArgs, usage, type LoadCommand } from './args.js';
export { startBareServer, type BareServer, type BareServerOptions } from './bare/bare-server.js';
export type { BroadcastReport } from './broadcast.js';
export type { ConnectReport } from './connections.js';
export {
  LoadgenError,
  UnreachableError,
  UsageError,
  loadgenErrorCodes,
  type LoadgenErrorCode,
} from './errors.js';
export { type CliStreams, runCli } from './cli-main.js';
export { formatProgress, formatSummary } from './format.js';
export { LatencyHistogram, type LatencySummary } from './histogram.js';
export { defaultLoadOptions, resolveLoadOptions, type LoadOptions } from './options.js';
export type { RoundTripReport } from './round-trips.js';
export { runLoad, type LoadProgress, type LoadSummary, type RunLoadHooks } from './run-load.js';
