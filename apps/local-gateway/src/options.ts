import { type LoadedManifest, loadManifest } from '@switchboard/manifest';
import type { GatewayLimits } from './context.js';
import type {
  DynamoService,
  DynamoServiceOptions,
  FunctionRuntime,
  FunctionRuntimeOptions,
  RuntimeOptions,
  StepFunctionsService,
  StepFunctionsServiceOptions,
} from './contracts.js';
import { GatewayConfigError } from './errors.js';
import type { SigningCredentials } from './http/sigv4.js';
import { isLoopbackHost } from './inspect/loopback.js';
import { createFunctionRuntime, resolveRuntimeOptions } from './runtime/index.js';
import { startDynamo, startStepFunctions } from './services/index.js';

/** Options of {@link createGateway}; the same as the `switchboard dev` flags, plus test seams. */
export interface GatewayOptions {
  /** A manifest file, or one already loaded. */
  manifest: string | LoadedManifest;
  /** `0` picks a free port. @default 3001 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Alphanumerics, `-` and `_`. @default 'dev' */
  stage?: string;
  /** Keep DynamoDB data on disk here; in memory when absent. */
  dataDir?: string;
  /** @default 600000 (API Gateway's 10 minutes) */
  idleTimeoutMs?: number;
  /** @default 7200000 (API Gateway's 2 hours) */
  maxDurationMs?: number;
  /**
   * The gateway pings every client this often (a WebSocket ping) and cuts one that answered
   * nothing since the previous ping, so a peer gone without a FIN (a half-open socket) gets its
   * `$disconnect` (1006) within two intervals. API Gateway does the same on its side; pings are
   * not activity for the idle timeout. A client that stops reading for two intervals is cut too.
   * 0 turns the heartbeat off.
   * @default 30000
   */
  heartbeatIntervalMs?: number;
  /**
   * Chaos mode: hold each incoming message a random 0..N ms before routing it, so replies come
   * back out of order, as API Gateway allows (it promises no ordering: routes run concurrently).
   * Code that assumes in-order replies fails here before it fails on AWS. 0 turns it off.
   * @default 0
   */
  chaosMaxDelayMs?: number;
  /**
   * Hold each `@connections` request about this long (uniform from N/2 to 3N/2 ms), as a post
   * from Lambda to the management endpoint takes 10-40 ms on AWS. 0 turns it off.
   * @default 0
   */
  connectionsLatencyMs?: number;
  /**
   * `@connections` requests a second, as the account throttle (10,000 a second, burst 5,000):
   * a token bucket with a burst of N/2; beyond it, 429 `LimitExceededException`. 0: no limit.
   * @default 0
   */
  connectionsRateLimit?: number;
  /** The credentials `@connections` requests must be signed with, and functions get. @default 'local' */
  accessKeyId?: string;
  /** @default 'local' */
  secretAccessKey?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** A DynamoDB-compatible server to use instead of embedded dynalite. */
  dynamoEndpoint?: string;
  /** How the function runtime scales and reclaims environments; see {@link RuntimeOptions}. */
  runtime?: RuntimeOptions;
  /** Reload functions when their bundles under the manifest's folder change. @default false */
  watchBundles?: boolean;
  /** Serve this folder's files at `/` (a web page beside the API). */
  staticDir?: string;
  /** One line per invocation and per notable event. @default silent */
  log?: (line: string) => void;
  /** Override sizes (frame, message, post, send buffer); API Gateway's quotas by default. */
  limits?: Partial<Omit<GatewayLimits, 'idleTimeoutMs' | 'maxDurationMs'>>;
  /** Lower-case alphanumerics, as Step Functions' `apigateway:invoke` requires. @default 'switchboard' */
  apiId?: string;
  /**
   * Serve the inspector, the metrics and the inspector's actions under `/@inspector/` on the
   * plain-HTTP listener. They can post to and close any connection.
   * @default true when `host` is a loopback address, false otherwise
   */
  inspector?: boolean;
  /** Frames the inspector keeps, across connections (newest kept). @default 1000 */
  inspectorFrames?: number;
  /** Invocations the inspector keeps, with event and result (newest kept). @default 200 */
  inspectorInvocations?: number;
  /** Write API Gateway-style JSON access logs to this file, or `-` for stdout. */
  accessLog?: string;
  /**
   * Variables for every function (`--env-file`, then `--env`): over the manifest's `environment`
   * and `environmentFrom`, under the gateway's own variables, which they may not name.
   * @default {}
   */
  environment?: Record<string, string>;
  /**
   * The HMAC secret functions get through `environmentFrom: { X: 'localSigningSecret' }` and
   * `switchboard token` signs with.
   * @default the one kept in `dataDir` (made there on first start), else a new one per gateway
   */
  signingSecret?: string;
  /** Test seam: the function runtime. @default the worker-thread runtime */
  createRuntime?: (options: FunctionRuntimeOptions) => FunctionRuntime | Promise<FunctionRuntime>;
  /** Test seam: DynamoDB. @default embedded dynalite */
  startDynamo?: (options: DynamoServiceOptions) => Promise<DynamoService>;
  /** Test seam: Step Functions. @default the local Step Functions endpoint */
  startStepFunctions?: (options: StepFunctionsServiceOptions) => Promise<StepFunctionsService>;
}

/** Defaults, as in the command line. */
export const defaults = {
  port: 3001,
  host: '127.0.0.1',
  stage: 'dev',
  idleTimeoutMs: 600_000,
  maxDurationMs: 7_200_000,
  heartbeatIntervalMs: 30_000,
  accessKeyId: 'local',
  secretAccessKey: 'local',
  region: 'us-east-1',
  apiId: 'switchboard',
  accountId: '000000000000',
  maxFrameBytes: 32 * 1024,
  maxMessageBytes: 128 * 1024,
  maxPostBytes: 131_072,
  maxBufferedBytes: 1024 * 1024,
} as const;

/** Checks what API Gateway itself would refuse, with messages meant for the user. */
export function validateOptions(options: GatewayOptions): void {
  const stage = options.stage ?? defaults.stage;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stage)) {
    throw new GatewayConfigError(`Invalid stage "${stage}": use letters, digits, "-" and "_" (at most 128).`);
  }
  if (options.apiId !== undefined && !/^[0-9a-z]+$/.test(options.apiId)) {
    throw new GatewayConfigError(`Invalid apiId "${options.apiId}": use lower-case letters and digits only.`);
  }
  const maxEnvironments = options.runtime?.maxEnvironmentsPerFunction;
  if (maxEnvironments !== undefined && (!Number.isInteger(maxEnvironments) || maxEnvironments < 1)) {
    throw new GatewayConfigError(
      `Invalid maxEnvironmentsPerFunction ${maxEnvironments}: expected a whole number of at least 1.`,
    );
  }
  const positiveMs = {
    idleTimeoutMs: options.idleTimeoutMs,
    maxDurationMs: options.maxDurationMs,
    reclaimIdleEnvironmentMs: options.runtime?.reclaimIdleEnvironmentMs,
  };
  for (const [key, value] of Object.entries(positiveMs)) {
    if (value !== undefined && (!Number.isFinite(value) || value <= 0)) {
      throw new GatewayConfigError(`Invalid ${key} ${value}: expected a positive number of milliseconds.`);
    }
  }
  const chaos = options.chaosMaxDelayMs;
  if (chaos !== undefined && (!Number.isFinite(chaos) || chaos < 0)) {
    throw new GatewayConfigError(
      `Invalid chaosMaxDelayMs ${chaos}: expected 0 (off) or a positive number of milliseconds.`,
    );
  }
  for (const [key, value] of Object.entries({
    connectionsLatencyMs: options.connectionsLatencyMs,
    connectionsRateLimit: options.connectionsRateLimit,
  })) {
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) {
      throw new GatewayConfigError(`Invalid ${key} ${value}: expected 0 (off) or a positive number.`);
    }
  }
  const heartbeat = options.heartbeatIntervalMs;
  if (heartbeat !== undefined && (!Number.isFinite(heartbeat) || heartbeat < 0)) {
    throw new GatewayConfigError(
      `Invalid heartbeatIntervalMs ${heartbeat}: expected 0 (off) or a positive number of milliseconds.`,
    );
  }
  for (const [key, value] of Object.entries({
    inspectorFrames: options.inspectorFrames,
    inspectorInvocations: options.inspectorInvocations,
  })) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new GatewayConfigError(`Invalid ${key} ${value}: expected a whole number, 0 or more.`);
    }
  }
  const port = options.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new GatewayConfigError(`Invalid port ${port}: expected 0-65535.`);
  }
  // An address or a host name, nothing else: `--host http://x` or an empty value would only fail
  // later, or (empty) listen on every interface while the printed URLs named none.
  const host = options.host;
  if (
    host !== undefined &&
    !/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/.test(host)
  ) {
    throw new GatewayConfigError(
      `Invalid host "${host}": expected an address or a host name of this machine, such as 127.0.0.1 or 0.0.0.0.`,
    );
  }
}

/** {@link GatewayOptions} checked, with the manifest loaded and every default filled in. */
export interface ResolvedGatewayOptions {
  loaded: LoadedManifest;
  port: number;
  host: string;
  stage: string;
  apiId: string;
  region: string;
  accountId: string;
  credentials: SigningCredentials;
  limits: GatewayLimits;
  heartbeatIntervalMs: number;
  chaosMaxDelayMs: number;
  connectionsLatencyMs: number;
  connectionsRateLimit: number;
  dataDir: string | undefined;
  dynamoEndpoint: string | undefined;
  staticDir: string | undefined;
  watchBundles: boolean;
  inspector: boolean;
  inspectorFrames: number;
  inspectorInvocations: number;
  accessLog: string | undefined;
  environment: Record<string, string>;
  signingSecret: string | undefined;
  runtime: Required<RuntimeOptions>;
  log: (line: string) => void;
  createRuntime: NonNullable<GatewayOptions['createRuntime']>;
  startDynamo: NonNullable<GatewayOptions['startDynamo']>;
  startStepFunctions: NonNullable<GatewayOptions['startStepFunctions']>;
}

/**
 * Validates `options` ({@link validateOptions}), loads the manifest when given as a path, and
 * fills in every default: the one place defaults are resolved.
 */
export function resolveOptions(options: GatewayOptions): ResolvedGatewayOptions {
  validateOptions(options);
  return {
    loaded: typeof options.manifest === 'string' ? loadManifest(options.manifest) : options.manifest,
    port: options.port ?? defaults.port,
    host: options.host ?? defaults.host,
    stage: options.stage ?? defaults.stage,
    apiId: options.apiId ?? defaults.apiId,
    region: options.region ?? defaults.region,
    accountId: defaults.accountId,
    credentials: {
      accessKeyId: options.accessKeyId ?? defaults.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? defaults.secretAccessKey,
    },
    limits: {
      idleTimeoutMs: options.idleTimeoutMs ?? defaults.idleTimeoutMs,
      maxDurationMs: options.maxDurationMs ?? defaults.maxDurationMs,
      maxFrameBytes: defaults.maxFrameBytes,
      maxMessageBytes: defaults.maxMessageBytes,
      maxPostBytes: defaults.maxPostBytes,
      maxBufferedBytes: defaults.maxBufferedBytes,
      ...options.limits,
    },
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? defaults.heartbeatIntervalMs,
    chaosMaxDelayMs: options.chaosMaxDelayMs ?? 0,
    connectionsLatencyMs: options.connectionsLatencyMs ?? 0,
    connectionsRateLimit: options.connectionsRateLimit ?? 0,
    dataDir: options.dataDir,
    dynamoEndpoint: options.dynamoEndpoint,
    staticDir: options.staticDir,
    watchBundles: options.watchBundles ?? false,
    inspector: options.inspector ?? isLoopbackHost(options.host ?? defaults.host),
    inspectorFrames: options.inspectorFrames ?? 1000,
    inspectorInvocations: options.inspectorInvocations ?? 200,
    accessLog: options.accessLog,
    environment: { ...options.environment },
    signingSecret: options.signingSecret,
    runtime: resolveRuntimeOptions(options.runtime),
    log: options.log ?? (() => {}),
    createRuntime: options.createRuntime ?? createFunctionRuntime,
    startDynamo: options.startDynamo ?? startDynamo,
    startStepFunctions: options.startStepFunctions ?? startStepFunctions,
  };
}
