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
  /**
   * Pick up rebuilt bundles (of these functions, or all): new calls get fresh environments,
   * in-flight calls finish on the old code.
   */
  reload(functionNames?: readonly string[]): void;
  /**
   * Swap in a changed manifest's functions: changed ones (environment, timeout, memory, bundle
   * path) reload, removed ones finish their calls and go, new ones start on first call. Returns
   * the names of the functions that changed, came or went. Optional: a runtime without it makes
   * the gateway ask for a restart when functions change.
   */
  update?(next: Pick<FunctionRuntimeOptions, 'loaded' | 'environment'>): string[];
  close(): Promise<void>;
}

/**
 * How the function runtime scales and reclaims environments: `createGateway({ runtime })` and
 * `createFunctionRuntime` take these as they are.
 */
export interface RuntimeOptions {
  /**
   * Execution environments (worker threads, about 25 MB each) a function may run at once when
   * calls overlap; further calls wait in order. `--max-environments`.
   * @default one per core, at least 2
   */
  maxEnvironmentsPerFunction?: number;
  /**
   * An environment unused this long is terminated, as Lambda reclaims idle environments; each
   * function keeps one warm.
   * @default 300000 (5 minutes)
   */
  reclaimIdleEnvironmentMs?: number;
}

export interface FunctionRuntimeOptions extends RuntimeOptions {
  loaded: LoadedManifest;
  /** Added to every function's environment on top of the manifest's own `environment`. */
  environment: Record<string, string>;
  /** Where functions' console output goes, line by line. @default `[name] line` on stderr */
  onLog?: (entry: { functionName: string; stream: 'stdout' | 'stderr'; line: string }) => void;
}

/** An in-process (or external) DynamoDB-compatible endpoint with the manifest's tables. */
export interface DynamoService {
  endpoint: string;
  /**
   * Billable requests so far, approximated in request units; absent for an external endpoint
   * (`DYNAMODB_ENDPOINT`), whose requests the gateway does not see.
   */
  requestCounts?(): Promise<{ reads: number; writes: number; readUnits: number; writeUnits: number }>;
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
