import {
  createGateway,
  type Gateway,
  type GatewayAddress,
  type GatewayOptions,
} from '@switchboard/local-gateway';
import type { LoadedManifest } from '@switchboard/manifest';
import { type Recorder, startRecorder } from './recorder.js';
import { recordedReferenceApp } from './reference-app.js';
import { createStoreProbe, type StoreProbe } from './store-probe.js';

/** A gateway running the reference app on port 0, with a recorder and a probe of its table. */
export interface ReferenceStack {
  gateway: Gateway;
  address: GatewayAddress;
  recorder: Recorder;
  probe: StoreProbe;
  /** Log lines of the gateway (one per invocation). */
  log: string[];
  /** `clientTag -> connectionId`, from the recorded `$connect` calls. */
  connectionIdOf(tag: string): string | undefined;
  close(): Promise<void>;
}

/**
 * Starts the reference app behind a gateway. `connect` and `disconnect` are always recorded
 * (tags and close codes); `record` adds more functions.
 */
export async function startReferenceStack(
  options: {
    record?: string[];
    gateway?: Partial<GatewayOptions>;
    /** Changes the (recorded) manifest before the gateway starts: more wrappers, settings. */
    transform?: (app: LoadedManifest, recorderUrl: string) => LoadedManifest;
  } = {},
): Promise<ReferenceStack> {
  const recorder = await startRecorder();
  const log: string[] = [];
  let gateway: Gateway | undefined;
  let address: GatewayAddress;
  try {
    const recorded = recordedReferenceApp(recorder.url, ['connect', 'disconnect', ...(options.record ?? [])]);
    const manifest = options.transform ? options.transform(recorded, recorder.url) : recorded;
    gateway = createGateway({ port: 0, log: (line) => log.push(line), ...options.gateway, manifest });
    address = await gateway.listen();
  } catch (error) {
    await gateway?.close();
    await recorder.close();
    throw error;
  }
  const probe = createStoreProbe(address.functionEnvironment);
  const started = gateway;
  return {
    gateway: started,
    address,
    recorder,
    probe,
    log,
    connectionIdOf: (tag) =>
      recorder.records.find((r) => r.routeKey === '$connect' && r.clientTag === tag)?.connectionId,
    async close() {
      probe.close();
      await started.close();
      await recorder.close();
    },
  };
}
