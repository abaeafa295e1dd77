/**
 * A gateway's observation, resolved from its options once: nothing at all when neither the
 * inspector nor an access log is on ({@link noObserver}), else one {@link Recorder}; and the
 * inspector, built at listen() from the parts it reads.
 */
import type { Backends } from '../backends.js';
import type { GatewayContext } from '../context.js';
import type { ResolvedGatewayOptions } from '../options.js';
import { openAccessLog } from './access-log.js';
import { createInspector, type Inspector } from './inspector.js';
import { type GatewayObserver, noObserver } from './observer.js';
import { Recorder } from './recorder.js';

export interface Observation {
  observer: GatewayObserver;
  /** The recorder behind `observer`, when there is one (the inspector or an access log is on). */
  recorder?: Recorder;
  /** The inspector, when it is on (a loopback host, or `inspector: true`). */
  startInspector(ctx: GatewayContext, backends: Backends): Inspector | undefined;
  close(): Promise<void>;
}

/** The settings the inspector shows: what this gateway runs with. */
function settingsOf(config: ResolvedGatewayOptions): Record<string, unknown> {
  return {
    manifest: config.loaded.path,
    stage: config.stage,
    region: config.region,
    apiId: config.apiId,
    limits: config.limits,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    chaosMaxDelayMs: config.chaosMaxDelayMs,
    // The @connections API's simulated latency and account throttle (0: off).
    connectionsLatencyMs: config.connectionsLatencyMs,
    connectionsRateLimit: config.connectionsRateLimit,
    runtime: config.runtime,
    inspectorFrames: config.inspectorFrames,
    inspectorInvocations: config.inspectorInvocations,
    accessLog: config.accessLog ?? null,
    functions: Object.keys(config.loaded.manifest.functions),
  };
}

export function createObservation(config: ResolvedGatewayOptions): Observation {
  if (!config.inspector && !config.accessLog) {
    return { observer: noObserver, startInspector: () => undefined, close: async () => {} };
  }
  const recorder = new Recorder({
    dimensions: { ApiId: config.apiId, Stage: config.stage },
    // Without the inspector nobody reads the rings: keep nothing, count only.
    maxFrames: config.inspector ? config.inspectorFrames : 0,
    maxInvocations: config.inspector ? config.inspectorInvocations : 0,
    ...(config.accessLog ? { accessLog: openAccessLog(config.accessLog) } : {}),
  });
  let inspector: Inspector | undefined;
  return {
    observer: recorder,
    recorder,
    startInspector(ctx, backends) {
      if (!config.inspector) return undefined;
      inspector = createInspector({
        ctx,
        recorder,
        dynamo: backends.dynamo,
        stepFunctions: backends.stepFunctions,
        settings: settingsOf(config),
        credentials: config.credentials,
      });
      return inspector;
    },
    async close() {
      inspector?.close();
      await recorder.close();
    },
  };
}
