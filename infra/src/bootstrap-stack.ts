import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BootstrapTarget } from './config/resolve-environments.js';
import { ApiGatewayAccountLogging } from './constructs/api-gateway-account.js';
import { StateBucket } from './constructs/state-bucket.js';
import { createNaming, stateBucketName } from './naming.js';
import { configureAwsProvider, configureBackend, readAwsScope } from './provider.js';

/**
 * What one AWS account and Region need before any environment is deployed there, and what no
 * environment may own: API Gateway's account-wide CloudWatch role (without it a WebSocket stage
 * cannot log) and the bucket holding staging's and prod's state. Its own state is local
 * (`infra/terraform.<stack>.tfstate`): it creates the bucket that state would live in.
 */
export class BootstrapStack extends TerraformStack {
  readonly stateBucket: StateBucket;
  readonly accountLogging: ApiGatewayAccountLogging;

  constructor(scope: Construct, id: string, target: BootstrapTarget) {
    super(scope, id);
    configureAwsProvider(this, {
      region: target.region,
      accountIds: target.accountIds,
      tags: { app: 'switchboard', stack: 'bootstrap' },
    });
    configureBackend(this, id, { kind: 'local' });
    const aws = readAwsScope(this, target.region);
    const [accountId] = target.accountIds;
    // IAM names are global to the account: the Region keeps two bootstrap stacks apart.
    const naming = createNaming('bootstrap');
    this.accountLogging = new ApiGatewayAccountLogging(this, 'apigateway-account', {
      roleName: naming.name('role', 'apigateway-logs', target.region),
      scope: aws,
    });
    this.stateBucket = new StateBucket(this, 'state', {
      // The same name staging and prod put in their backend; with no account configured (dev
      // only), the caller's account, which nothing else needs to know at synth time.
      bucketName: stateBucketName(accountId ?? aws.accountId, target.region),
    });
    new TerraformOutput(this, 'state_bucket', {
      value: this.stateBucket.bucketName,
      description: 'Holds the Terraform state of staging and prod (one key each).',
    });
    new TerraformOutput(this, 'apigateway_cloudwatch_role_arn', {
      value: this.accountLogging.roleArn,
      description: "API Gateway's account-wide CloudWatch Logs role in this Region.",
    });
  }
}
