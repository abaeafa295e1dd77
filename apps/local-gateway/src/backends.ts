import type { LoadedManifest } from '@switchboard/manifest';
import type { GatewayContext } from './context.js';
import type { DynamoService, FunctionRuntime, StepFunctionsService } from './contracts.js';
import { computeFunctionEnvironment } from './local-service-environment.js';
import { ConnectionApiError } from './errors.js';
import type { GatewayOptions } from './options.js';
import { createFunctionRuntime, watchBundles } from './runtime/index.js';
import { invokeFunctionWith, startDynamo, startStepFunctions } from './services/index.js';

/** What runs behind the front: the functions and the AWS services they call. */
export interface Backends {
  runtime: FunctionRuntime;
  dynamo: DynamoService;
  stepFunctions: StepFunctionsService;
  /** The variables every function got. */
  environment: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts DynamoDB, Step Functions and the function runtime, in that order: the functions'
 * environment needs both endpoints, and Step Functions calls functions through a runtime that
 * exists only later (hence the late-bound `invokeFunction`).
 */
export async function startBackends(
  ctx: GatewayContext,
  loaded: LoadedManifest,
  options: GatewayOptions,
  connectionsEndpoint: string,
  extraEnvironment: Record<string, string> = {},
): Promise<Backends> {
  const started: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    for (const part of started.reverse()) await part.close().catch(() => {});
  };
  try {
    const dynamo = await (options.startDynamo ?? startDynamo)({
      tables: loaded.manifest.tables,
      dataDir: options.dataDir,
      externalEndpoint: options.dynamoEndpoint,
      region: ctx.api.region,
      credentials: ctx.credentials,
    });
    started.push(dynamo);
    let runtime: FunctionRuntime | undefined;
    const stepFunctions = await (options.startStepFunctions ?? startStepFunctions)({
      stateMachines: loaded.manifest.stateMachines ?? {},
      region: ctx.api.region,
      accountId: ctx.api.accountId,
      // A failed task's Error and Cause are what Lambda hands Step Functions: the workflow's
      // Catch reads the function's own errorMessage out of the Cause.
      invokeFunction: invokeFunctionWith({
        invoke(functionName, event, context) {
          if (!runtime) throw new Error('The function runtime is not started yet');
          return runtime.invoke(functionName, event, context);
        },
      }),
      async postToConnection(connectionId, body) {
        try {
          ctx.connections.post(connectionId, body);
          return { statusCode: 200 };
        } catch (error) {
          if (error instanceof ConnectionApiError) return { statusCode: error.statusCode };
          throw error;
        }
      },
    });
    started.push(stepFunctions);
    const environment = {
      ...extraEnvironment,
      ...computeFunctionEnvironment({
        manifest: loaded.manifest,
        region: ctx.api.region,
        credentials: ctx.credentials,
        dynamoEndpoint: dynamo.endpoint,
        stepFunctionsEndpoint: stepFunctions.endpoint,
        stateMachineArns: stepFunctions.stateMachineArns,
        connectionsEndpoint,
      }),
    };
    runtime = await (options.createRuntime ?? createFunctionRuntime)({
      loaded,
      environment,
      maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction,
      reclaimIdleEnvironmentMs: options.reclaimIdleEnvironmentMs,
    });
    started.push(runtime);
    if (options.watchBundles) {
      const rt = runtime;
      const watcher = watchBundles({
        dir: loaded.baseDir,
        onChange: (files) => {
          ctx.log(`bundles changed (${files.length} files): new invocations get fresh environments`);
          rt.reload();
        },
      });
      started.push({ close: async () => watcher.close() });
    }
    return { runtime, dynamo, stepFunctions, environment, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
