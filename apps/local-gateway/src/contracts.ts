/**
 * The seams between the gateway's parts, so that the front (WebSocket + connection URL), the
 * function runtime and the embedded services can be built and tested on their own.
 */
import type { LoadedManifest } from '@switchboard/manifest';

/** Lambda's `context`, as much of it as handlers use. */
export interface InvocationContext {
  awsRequestId: string;
}

export type InvocationResult =
  | { ok: true; value: unknown; durationMs: number }
  | {
      ok: false;
      /** timeout: past `timeoutSeconds`; error: the handler threw; crash: the environment died. */
      error: { kind: 'timeout' | 'error' | 'crash'; errorType: string; message: string };
      durationMs: number;
    };

/** Runs manifest functions as Lambda does: isolated, warm, one call at a time per environment. */
export interface FunctionRuntime {
  /**
   * Runs one invocation. `event` may share objects with the gateway's connection state (its
   * `identity` and `authorizer`): serialise it, as Lambda receives it, and never mutate it.
   */
  invoke(
    functionName: string,
    event: unknown,
    context?: Partial<InvocationContext>,
  ): Promise<InvocationResult>;
  /** Pick up rebuilt bundles: new calls get fresh environments, in-flight calls finish. */
  reload(): void;
  close(): Promise<void>;
}

export interface FunctionRuntimeOptions {
  loaded: LoadedManifest;
  /** Added to every function's environment on top of the manifest's own `environment`. */
  environment: Record<string, string>;
  /** Environments per function when calls overlap. @default max(2, the number of CPUs) */
  maxEnvironmentsPerFunction?: number;
  /**
   * How long an environment may sit idle before it is terminated; each function keeps one.
   * @default 300000 (5 minutes)
   */
  reclaimIdleEnvironmentMs?: number;
}

/** An in-process (or external) DynamoDB-compatible endpoint with the manifest's tables. */
export interface DynamoService {
  endpoint: string;
  close(): Promise<void>;
}

export interface DynamoServiceOptions {
  /** CreateTable inputs from the manifest, created when missing. */
  tables: ReadonlyArray<{ TableName: string } & Record<string, unknown>>;
  /** Keep data on disk here; in memory when absent. */
  dataDir?: string;
  /** Use this DynamoDB-compatible server instead of embedded dynalite (`DYNAMODB_ENDPOINT`). */
  externalEndpoint?: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** A local Step Functions endpoint (StartExecution, DescribeExecution) for the manifest's machines. */
export interface StepFunctionsService {
  endpoint: string;
  /** ARN per manifest state machine name. */
  stateMachineArns: Record<string, string>;
  close(): Promise<void>;
}

export interface StepFunctionsServiceOptions {
  stateMachines: NonNullable<LoadedManifest['manifest']['stateMachines']>;
  region: string;
  accountId: string;
  /** Runs a manifest function as a Lambda task; resolves with its result, rejects with its error. */
  invokeFunction(functionName: string, input: unknown): Promise<unknown>;
  /** `arn:aws:states:::apigateway:invoke` on `/@connections/{id}`: deliver in-process. */
  postToConnection(connectionId: string, body: Buffer): Promise<{ statusCode: number }>;
}
