import { Token } from 'cdktf';
import { ConfigError } from './errors.js';

/** What a name is for; each AWS service has its own length limit. */
export type ResourceKind =
  | 'function'
  | 'role'
  | 'table'
  | 'api'
  | 'authorizer'
  | 'stateMachine'
  | 'lambdaLogGroup'
  | 'accessLogGroup'
  | 'workflowLogGroup'
  | 'alarm'
  | 'topic'
  | 'bucket';

const maxLength: Record<ResourceKind, number> = {
  function: 64,
  role: 64,
  table: 255,
  api: 128,
  authorizer: 128,
  stateMachine: 80,
  lambdaLogGroup: 512,
  accessLogGroup: 512,
  workflowLogGroup: 512,
  alarm: 255,
  topic: 256,
  bucket: 63,
};

/** Physical names of one environment's resources. */
export interface Naming {
  /** `<app>-<stage>`, the prefix of every name. */
  readonly prefix: string;
  /**
   * The AWS name of a resource: `<app>-<stage>-<parts...>`, with the log-group paths that AWS
   * services write to (`/aws/lambda/<function name>`).
   * @example naming.name('function', 'ping') // 'switchboard-dev-ping'
   */
  name(kind: ResourceKind, ...parts: string[]): string;
}

/**
 * The one naming helper: every physical name in the stack comes from here, so two environments
 * in one account never collide and a name is never spelled twice.
 * @param app application name @default 'switchboard'
 */
export function createNaming(stage: string, app = 'switchboard'): Naming {
  const prefix = `${app}-${stage}`;
  const base = (parts: string[]) => [prefix, ...parts].join('-');
  const build = (kind: ResourceKind, parts: string[]): string => {
    switch (kind) {
      // Lambda writes to /aws/lambda/<function name> and nowhere else unless told.
      case 'lambdaLogGroup':
        return `/aws/lambda/${base(parts)}`;
      case 'accessLogGroup':
        return `/aws/apigateway/${base(parts)}`;
      // The /aws/vendedlogs/ prefix keeps Step Functions from growing the account-wide CloudWatch
      // Logs resource policy once per log group (its size is capped).
      case 'workflowLogGroup':
        return `/aws/vendedlogs/states/${base(parts)}`;
      default:
        return base(parts);
    }
  };
  return {
    prefix,
    name(kind, ...parts) {
      const name = build(kind, parts);
      const limit = maxLength[kind];
      if (name.length > limit) {
        throw new ConfigError(`The ${kind} name "${name}" is ${name.length} characters; AWS allows ${limit}`);
      }
      return name;
    },
  };
}

/**
 * The Terraform state bucket of one account and Region (bucket names are global, so both are in
 * it). The bootstrap stack creates it; staging and prod name it in their S3 backend. The account
 * may be a token (the bootstrap stack of an unconfigured dev uses the caller's account).
 * @example stateBucketName('123456789012', 'eu-west-1') // 'switchboard-tfstate-123456789012-eu-west-1'
 */
export function stateBucketName(accountId: string, region: string, app = 'switchboard'): string {
  const name = `${app}-tfstate-${accountId}-${region}`;
  // An account known only at apply time (the caller's, a token) has no length to check yet.
  if (!Token.isUnresolved(accountId) && name.length > maxLength.bucket) {
    throw new ConfigError(
      `The bucket name "${name}" is ${name.length} characters; S3 allows ${maxLength.bucket}`,
    );
  }
  return name;
}

/**
 * The bootstrap stack of one account and Region: `bootstrap-<account>-<region>`, or
 * `bootstrap-<region>` when no environment there names its account (dev before it is configured).
 */
export function bootstrapStackId(accountId: string | undefined, region: string): string {
  return accountId ? `bootstrap-${accountId}-${region}` : `bootstrap-${region}`;
}
