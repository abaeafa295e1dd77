import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { StateBackendConfig } from './config/environments.js';
import type { AwsScope } from './constructs/notify-workflow.js';

/**
 * The AWS provider release the generated bindings (@cdktf/provider-aws 21.22.1) describe. Pinned
 * exactly: CDK for Terraform is no longer maintained, so no newer bindings will follow.
 */
export const AWS_PROVIDER_VERSION = '6.25.0';

export interface ProviderSettings {
  region: string;
  /** `allowed_account_ids`: Terraform refuses to plan in any other account. Empty: no guard. */
  accountIds: readonly string[];
  tags: Record<string, string>;
}

/** The pinned AWS provider, with the Region, the account guard and default tags. */
export function configureAwsProvider(stack: TerraformStack, settings: ProviderSettings): AwsProvider {
  const provider = new AwsProvider(stack, 'aws', {
    region: settings.region,
    ...(settings.accountIds.length ? { allowedAccountIds: [...settings.accountIds] } : {}),
    defaultTags: [{ tags: settings.tags }],
  });
  stack.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_VERSION);
  return provider;
}

/**
 * Where the stack's state lives. Local state sits in `infra/` (gitignored), out of the build
 * output: the path is relative to `cdktf.out/stacks/<stack>`, where Terraform runs.
 */
export function configureBackend(stack: TerraformStack, stackId: string, state: StateBackendConfig): void {
  if (state.kind === 'local') {
    new LocalBackend(stack, { path: `../../../terraform.${stackId}.tfstate` });
    return;
  }
  new S3Backend(stack, { bucket: state.bucket, key: state.key, region: state.region, encrypt: true });
  // S3's own lock file (Terraform 1.10+) instead of a DynamoDB lock table; cdktf 0.21's
  // S3Backend predates the option, so it is written as an override.
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}

/**
 * The partition and account the stack is applied in (read by Terraform at plan time) and its
 * Region: what the ARNs of its own resources are built from.
 */
export function readAwsScope(stack: TerraformStack, region: string): AwsScope {
  const identity = new DataAwsCallerIdentity(stack, 'caller');
  const partition = new DataAwsPartition(stack, 'partition');
  return { partition: partition.partition, accountId: identity.accountId, region };
}
