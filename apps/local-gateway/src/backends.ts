import type { LoadedManifest, Manifest } from '@switchboard/manifest';
import type { DynamoService, FunctionRuntime, StepFunctionsService } from './contracts.js';
import { ConnectionApiError } from './errors.js';
import { withFunctionVariables } from './function-variables.js';
import type { GatewayObserver } from './inspect/observer.js';
import { resolveSigningSecret } from './local-auth/index.js';
import { computeFunctionEnvironment } from './local-service-environment.js';
import type { ResolvedGatewayOptions } from './options.js';
import { createBatchedStderrSink } from './runtime/index.js';
import { invokeFunctionWith } from './services/index.js';
import type { ConnectionRegistry } from './ws/connection.js';

/** What runs behind the front: the functions and the AWS services they call. */
export interface Backends {
  runtime: FunctionRuntime;
  dynamo: DynamoService;
  stepFunctions: StepFunctionsService;
  /** The variables every function got. */
  environment: Record<string, string>;
  /** The same for another manifest (a live reload's). */
  environmentOf(manifest: Manifest): Record<string, string>;
  /**
   * The manifest as the runtime runs it: `environmentFrom` filled in (the signing secret) and the
   * `--env-file`/`--env` variables over each function's `environment`. The runtime's `update`
   * applies it to a live reload's manifest.
   */
  runtimeManifestOf(loaded: LoadedManifest): LoadedManifest;
  /** The HMAC secret of `switchboard token` (`environmentFrom: localSigningSecret`). */
  signingSecret: string;
  close(): Promise<void>;
}

/** What the backends need from the front, besides the gateway's options. */
export interface BackendsFront {
  /** Where `apigateway:invoke` tasks post. */
  connections: ConnectionRegistry;
  /** The management API endpoint functions get: `http://<host>:<port>/<stage>`. */
  connectionsEndpoint: string;
  /** Variables for every function on top of the computed ones (the certificate file). */
  extraEnvironment: Record<string, string>;
  /** Workflow tasks are invocations too (Lambda's metrics, the inspector). */
  observer: GatewayObserver;
}

/**
 * Starts DynamoDB, Step Functions and the function runtime, in that order: the functions'
 * environment needs both endpoints. Step Functions calls functions through that runtime, which
 * therefore exists only after it (the one late binding left, inside `invokeFunction`).
 */
export async function startBackends(config: ResolvedGatewayOptions, front: BackendsFront): Promise<Backends> {
  const { manifest } = config.loaded;
  const started: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    for (const part of started.reverse()) await part.close().catch(() => {});
  };
  try {
    const dynamo = await config.startDynamo({
      tables: manifest.tables,
      dataDir: config.dataDir,
      externalEndpoint: config.dynamoEndpoint,
      region: config.region,
      credentials: config.credentials,
    });
    started.push(dynamo);
    let runtime: FunctionRuntime | undefined;
    const stepFunctions = await config.startStepFunctions({
      stateMachines: manifest.stateMachines ?? {},
      region: config.region,
      accountId: config.accountId,
      // A failed task's Error and Cause are what Lambda hands Step Functions: the workflow's
      // Catch reads the function's own errorMessage out of the Cause.
      invokeFunction: invokeFunctionWith({
        async invoke(functionName, event, context) {
          if (!runtime) throw new Error('The function runtime is not started yet');
          const startedAt = Date.now();
          const result = await runtime.invoke(functionName, event, context);
          front.observer.invoked({ route: '(task)', functionName, requestId: '-', startedAt, event, result });
          return result;
        },
      }),
      async postToConnection(connectionId, body) {
        try {
          front.connections.post(connectionId, body);
          return { statusCode: 200 };
        } catch (error) {
          if (error instanceof ConnectionApiError) return { statusCode: error.statusCode };
          throw error;
        }
      },
    });
    started.push(stepFunctions);
    // Per manifest: a live-reloaded manifest may name other tables or state machines.
    const environmentOf = (forManifest: Manifest) => ({
      ...front.extraEnvironment,
      ...computeFunctionEnvironment({
        manifest: forManifest,
        region: config.region,
        credentials: config.credentials,
        dynamoEndpoint: dynamo.endpoint,
        stepFunctionsEndpoint: stepFunctions.endpoint,
        stateMachineArns: stepFunctions.stateMachineArns,
        connectionsEndpoint: front.connectionsEndpoint,
      }),
    });
    const environment = environmentOf(manifest);
    const signingSecret = config.signingSecret ?? resolveSigningSecret(config.dataDir);
    const runtimeManifestOf = (loaded: LoadedManifest) =>
      withFunctionVariables(loaded, {
        values: { localSigningSecret: signingSecret },
        variables: config.environment,
        gatewayEnvironment: environmentOf(loaded.manifest),
        connectionsEndpoint: front.connectionsEndpoint,
        stateMachineArns: stepFunctions.stateMachineArns,
      });
    const loaded = runtimeManifestOf(config.loaded);
    // Functions' lines still go to stderr, and to the inspector beside each invocation.
    const stderr = createBatchedStderrSink();
    started.push({ close: async () => stderr.flush() });
    const onLog = (entry: { functionName: string; stream: 'stdout' | 'stderr'; line: string }) => {
      stderr(entry);
      front.observer.functionLog(entry.functionName, entry.line);
    };
    const created = await config.createRuntime({ loaded, environment, ...config.runtime, onLog });
    // A live reload hands `update` the manifest as loaded from disk: give it the same variables
    // (signing secret, --env) as the first one, or they would vanish at the first manifest change.
    const update = created.update?.bind(created);
    if (update) created.update = (next) => update({ ...next, loaded: runtimeManifestOf(next.loaded) });
    runtime = created;
    started.push(runtime);
    return {
      runtime,
      dynamo,
      stepFunctions,
      environment,
      environmentOf,
      runtimeManifestOf,
      signingSecret,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
