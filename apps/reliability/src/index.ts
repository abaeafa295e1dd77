/**
 * @switchboard/reliability: the harness of the reliability suite (`pnpm test:reliability`,
 * `pnpm soak`). The scenarios live in `tests/`; these are the parts they share.
 */
export {
  eventually,
  mapLimit,
  openClient,
  openClients,
  type ReceivedFrame,
  request,
  type TestClient,
} from './clients.js';
export { ReferenceAppNotBuiltError, ReliabilityHarnessError, WaitTimeoutError } from './errors.js';
export { type ReliabilityMode, reliabilityMode, type ScenarioSizes, scenarioSizes } from './modes.js';
export { createPrng, type Prng, seedFromEnv } from './prng.js';
export { type InvocationRecord, type Recorder, startRecorder } from './recorder.js';
export {
  fixturePath,
  loadReferenceApp,
  recordedReferenceApp,
  referenceManifestPath,
  wrapFunctions,
} from './reference-app.js';
export {
  formatReportTable,
  readReports,
  reportScenario,
  resultsFile,
  type ScenarioReport,
} from './report.js';
export { createStoreProbe, type StoreCounts, type StoreProbe } from './store-probe.js';
export {
  encodeFrame,
  type FrameOptions,
  opcodes,
  openRawClient,
  type RawClient,
  type ServerFrame,
} from './raw-client.js';
export { type ReferenceStack, startReferenceStack } from './reference-gateway.js';
export { createManagementClient, postOnce } from './management-client.js';
export { type FuzzCase, type FuzzExpectation, nextFuzzCase } from './fuzz-frames.js';
export { collectGarbage, retainedMemory } from './memory.js';
export {
  type DynamoFault,
  type DynamoFaultProxy,
  type FaultProxyStats,
  type FaultRule,
  startDynamoFaultProxy,
} from './dynamo-fault-proxy.js';
export { type JobStatusWatch, watchJobStatuses } from './job-watch.js';
