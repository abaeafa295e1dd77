/**
 * The environments, as one typed table: every difference between dev, staging and prod is a field
 * here, never an `if (process.env...)` in a construct.
 */

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
  /** `terraform.<stage>.tfstate` in `infra/`: fine for one developer, never for a shared stage. */
  | { readonly kind: 'local' }
  /** S3 bucket plus a DynamoDB lock table; both must exist before the first `cdktf deploy`. */
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly lockTable: string;
    };

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
 * Who may open a connection. `none`: no authorizer, anyone with the URL connects. `optional`:
 * the manifest's REQUEST authorizer guards `$connect` and lets callers without a token in as
 * guests. `required`: it refuses them. HMAC secrets (`JWT_SECRET`) are never set from here: a
 * secret belongs neither in this table nor in plain Lambda environment in Terraform state.
 */
export type AuthConfig =
  | { readonly mode: 'none' }
  | { readonly mode: 'optional' | 'required'; readonly jwt: JwtSettings };

/** One environment. */
export interface EnvConfig {
  /** AWS Region of every resource of the stack. */
  readonly region: string;
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
  readonly auth: AuthConfig;
  readonly lambda: {
    /** arm64 (Graviton) is cheaper per GB-second; the bundles are plain JavaScript. */
    readonly architecture: 'arm64' | 'x86_64';
    /** Memory of functions whose manifest entry sets no `memoryMb`. */
    readonly defaultMemoryMb: number;
  };
  /** Step Functions execution logging level. */
  readonly workflowLogLevel: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  /**
   * Whether this stack sets API Gateway's account-wide CloudWatch role, without which a WebSocket
   * stage cannot write access logs ("CloudWatch Logs role ARN must be set in account settings").
   * It is one setting per account and Region: let exactly one stack there manage it.
   */
  readonly manageApiGatewayAccountRole: boolean;
  readonly state: StateBackendConfig;
}

/** The environments. Change a value here, never in a construct. */
export const environments = {
  dev: {
    region: 'eu-west-1',
    stageName: 'dev',
    throttling: { burstLimit: 50, ratePerSecond: 100 },
    logRetentionDays: 7,
    deletionProtection: false,
    pointInTimeRecovery: false,
    auth: {
      mode: 'optional',
      jwt: {
        jwksUrl: 'https://auth.dev.switchboard.example/.well-known/jwks.json',
        issuer: 'https://auth.dev.switchboard.example/',
        audience: 'switchboard-dev',
      },
    },
    lambda: { architecture: 'arm64', defaultMemoryMb: 256 },
    workflowLogLevel: 'ALL',
    manageApiGatewayAccountRole: true,
    state: { kind: 'local' },
  },
  staging: {
    region: 'eu-west-1',
    stageName: 'staging',
    throttling: { burstLimit: 200, ratePerSecond: 500 },
    logRetentionDays: 30,
    deletionProtection: false,
    pointInTimeRecovery: true,
    auth: {
      mode: 'required',
      jwt: {
        jwksUrl: 'https://auth.staging.switchboard.example/.well-known/jwks.json',
        issuer: 'https://auth.staging.switchboard.example/',
        audience: 'switchboard-staging',
      },
    },
    lambda: { architecture: 'arm64', defaultMemoryMb: 256 },
    workflowLogLevel: 'ERROR',
    manageApiGatewayAccountRole: false,
    state: {
      kind: 's3',
      bucket: 'switchboard-terraform-state',
      key: 'switchboard/staging.tfstate',
      region: 'eu-west-1',
      lockTable: 'switchboard-terraform-locks',
    },
  },
  prod: {
    region: 'eu-west-1',
    stageName: 'prod',
    throttling: { burstLimit: 1000, ratePerSecond: 2000 },
    logRetentionDays: 365,
    deletionProtection: true,
    pointInTimeRecovery: true,
    auth: {
      mode: 'required',
      jwt: {
        jwksUrl: 'https://auth.switchboard.example/.well-known/jwks.json',
        issuer: 'https://auth.switchboard.example/',
        audience: 'switchboard',
      },
    },
    lambda: { architecture: 'arm64', defaultMemoryMb: 512 },
    workflowLogLevel: 'ERROR',
    manageApiGatewayAccountRole: false,
    state: {
      kind: 's3',
      bucket: 'switchboard-terraform-state',
      key: 'switchboard/prod.tfstate',
      region: 'eu-west-1',
      lockTable: 'switchboard-terraform-locks',
    },
  },
} as const satisfies Record<Stage, EnvConfig>;
