/**
 * The environments, as one typed table: every difference between dev, staging and prod that is
 * the same for every team is a field here, never an `if (process.env...)` in a construct. What
 * differs per team (account, Region, identity provider, domain) comes from deploy settings
 * (environment variables or `deploy.config.json`, see `deploy-settings.ts`), and
 * `resolve-environments.ts` joins the two into the `EnvConfig` a stack is built from.
 */
import type { AlarmSettings } from './alarm-settings.js';

/** The deployable environments; one Terraform stack each, named after the key. */
export const stages = ['dev', 'staging', 'prod'] as const;
export type Stage = (typeof stages)[number];

/** The retention periods CloudWatch Logs accepts; anything else is rejected by the API. */
export type LogRetentionDays =
  | 1
  | 3
  | 5
  | 7
  | 14
  | 30
  | 60
  | 90
  | 120
  | 150
  | 180
  | 365
  | 400
  | 545
  | 731
  | 1096
  | 1827
  | 2192
  | 2557
  | 2922
  | 3288
  | 3653;

/** Where Terraform keeps the stack's state. */
export type StateBackendConfig =
  /** `terraform.<stack>.tfstate` in `infra/` (gitignored): fine for one developer, never shared. */
  | { readonly kind: 'local' }
  /** The bootstrap stack's bucket, locked with S3's own lock file (`use_lockfile`). */
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string; readonly region: string };

/** JWT verification settings of the authorizer; unset fields are not passed. */
export interface JwtSettings {
  /** JSON Web Key Set of the identity provider (asymmetric tokens). */
  readonly jwksUrl?: string;
  /** The `iss` every token must carry. */
  readonly issuer?: string;
  /** The `aud` every token must carry. */
  readonly audience?: string;
}

/**
 * Who may open a connection. `none`: no authorizer, every caller is a guest. `optional`: the
 * manifest's REQUEST authorizer guards `$connect` and lets callers without a token in as
 * guests. `required`: it refuses them. HMAC secrets (`JWT_SECRET`) are never set from here: the
 * authorizer reads them from its Lambda environment, which Terraform keeps in plain state.
 */
export type AuthConfig =
  | { readonly mode: 'none' }
  | { readonly mode: 'optional' | 'required'; readonly jwt: JwtSettings };

/** A custom domain for the WebSocket API (off unless set). */
export interface CustomDomainConfig {
  /** e.g. `ws.example.com`; clients connect to `wss://<domainName>`. */
  readonly domainName: string;
  /**
   * Route 53 hosted zone of the domain: when given, the stack writes the certificate's
   * validation record and an alias record to the API. Without it, add both by hand (outputs).
   */
  readonly hostedZoneId?: string;
  /** An existing ACM certificate in the stack's Region; without it the stack requests one. */
  readonly certificateArn?: string;
}

/** Options that cost money or change what clients see: all off unless the environment sets them. */
export interface ProductionOptions {
  readonly customDomain?: CustomDomainConfig;
  /** Reserved concurrency by manifest function name (it also caps the function). */
  readonly reservedConcurrency?: Readonly<Record<string, number>>;
  /** `dualstack` serves IPv6 too, on the API endpoint and the custom domain. @default 'ipv4' */
  readonly ipAddressType?: 'ipv4' | 'dualstack';
  /** X-Ray active tracing on every function and the workflow (API Gateway WebSocket has none). */
  readonly tracing?: boolean;
}

/**
 * Room broadcasts (docs/fan-out.md), given to every function as ROOM_SHARDS, FANOUT_THRESHOLD and
 * FANOUT_RATE_PER_SECOND. `roomShards` must be the same for every function of a deployment, and
 * changing it on a live table needs the connection store's care (its README, Sharded rooms).
 */
export interface FanOutSettings {
  /** Partitions per room in the table. */
  readonly roomShards: number;
  /** Members from which `send` uses the fanOut workflow (0: never). */
  readonly threshold: number;
  /** Posts per second one broadcast may make; the account's `@connections` limit is 10,000. */
  readonly ratePerSecond: number;
}

/** The fields of one environment that every team shares: what this table holds. */
export interface EnvironmentDefaults {
  /** Room broadcasts: shards, the fan-out threshold and its rate. */
  readonly fanOut: FanOutSettings;
  /** API Gateway stage: the last segment of the WebSocket URL. Alphanumerics, `-`, `_`. */
  readonly stageName: string;
  /** Default route throttling of the stage (token bucket; cannot exceed the account limits). */
  readonly throttling: { readonly burstLimit: number; readonly ratePerSecond: number };
  /** Retention of every log group of the stack. */
  readonly logRetentionDays: LogRetentionDays;
  /** DynamoDB deletion protection: `terraform destroy` fails until it is turned off. */
  readonly deletionProtection: boolean;
  /** DynamoDB point-in-time recovery (35 days of continuous backups). */
  readonly pointInTimeRecovery: boolean;
  /** The auth mode once an identity provider is configured. */
  readonly authMode: 'optional' | 'required';
  /**
   * Whether the environment may be deployed without an account id, Region and identity provider
   * (dev: guest mode, any account, a default Region). Staging and prod are left out until set.
   */
  readonly requiresConfiguration: boolean;
  /** Region of an environment that needs no configuration and names none. */
  readonly defaultRegion?: string;
  readonly lambda: {
    /** arm64 (Graviton) is cheaper per GB-second; the bundles are plain JavaScript. */
    readonly architecture: 'arm64' | 'x86_64';
    /** Memory of functions whose manifest entry sets no `memoryMb`. */
    readonly defaultMemoryMb: number;
  };
  /** Step Functions execution logging level. */
  readonly workflowLogLevel: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  /** Local state (dev) or the bootstrap stack's bucket (one key per environment). */
  readonly stateKind: 'local' | 's3';
  readonly alarms: AlarmSettings;
  readonly production: ProductionOptions;
}

/** One environment, resolved: what a `SwitchboardStack` is built from. */
export interface EnvConfig
  extends Omit<EnvironmentDefaults, 'authMode' | 'requiresConfiguration' | 'defaultRegion' | 'stateKind'> {
  /** AWS Region of every resource of the stack. */
  readonly region: string;
  /** `allowed_account_ids` of the provider; empty only for dev when none is configured. */
  readonly accountIds: readonly string[];
  readonly auth: AuthConfig;
  readonly state: StateBackendConfig;
}

/** Thresholds every environment starts from: any error or throttle at all is worth a look. */
const alarmDefaults = {
  periodSeconds: 300,
  evaluationPeriods: 1,
  thresholds: {
    apiIntegrationErrors: 1,
    apiExecutionErrors: 1,
    // 4xx include clients sending unknown actions and expired tokens: only a surge matters.
    apiClientErrors: 100,
    lambdaErrors: 1,
    lambdaThrottles: 1,
    workflowExecutionsFailed: 1,
    workflowExecutionsTimedOut: 1,
    tableThrottledRequests: 1,
  },
} as const satisfies AlarmSettings;

/**
 * Half the account's 10,000 posts a second for one broadcast leaves room for the rest of the
 * account's traffic; 8 shards let a join storm use 8 partitions (docs/fan-out.md).
 */
const fanOutDefaults = {
  roomShards: 8,
  threshold: 250,
  ratePerSecond: 5000,
} as const satisfies FanOutSettings;

/** The environments. Change a shared value here, never in a construct. */
export const environmentDefaults = {
  dev: {
    stageName: 'dev',
    throttling: { burstLimit: 50, ratePerSecond: 100 },
    logRetentionDays: 7,
    deletionProtection: false,
    pointInTimeRecovery: false,
    authMode: 'optional',
    requiresConfiguration: false,
    defaultRegion: 'eu-west-1',
    lambda: { architecture: 'arm64', defaultMemoryMb: 256 },
    workflowLogLevel: 'ALL',
    stateKind: 'local',
    alarms: alarmDefaults,
    fanOut: fanOutDefaults,
    production: {},
  },
  staging: {
    stageName: 'staging',
    throttling: { burstLimit: 200, ratePerSecond: 500 },
    logRetentionDays: 30,
    deletionProtection: false,
    pointInTimeRecovery: true,
    authMode: 'required',
    requiresConfiguration: true,
    lambda: { architecture: 'arm64', defaultMemoryMb: 256 },
    workflowLogLevel: 'ERROR',
    stateKind: 's3',
    alarms: alarmDefaults,
    fanOut: fanOutDefaults,
    production: {},
  },
  prod: {
    stageName: 'prod',
    throttling: { burstLimit: 1000, ratePerSecond: 2000 },
    logRetentionDays: 365,
    deletionProtection: true,
    pointInTimeRecovery: true,
    authMode: 'required',
    requiresConfiguration: true,
    lambda: { architecture: 'arm64', defaultMemoryMb: 512 },
    workflowLogLevel: 'ERROR',
    stateKind: 's3',
    alarms: alarmDefaults,
    fanOut: fanOutDefaults,
    production: {},
  },
} as const satisfies Record<Stage, EnvironmentDefaults>;

/** Whether a name is one of the environments (for command-line input). */
export function isStage(name: string): name is Stage {
  return (stages as readonly string[]).includes(name);
}
