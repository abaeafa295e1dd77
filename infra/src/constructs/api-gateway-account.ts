import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyDocument } from '../iam.js';
import type { AwsScope } from './notify-workflow.js';

/**
 * API Gateway's account-wide CloudWatch role. REST and WebSocket stages can only write access or
 * execution logs once it is set ("CloudWatch Logs role ARN must be set in account settings").
 * It is one setting per account and Region, so only the bootstrap stack there creates it.
 */
export class ApiGatewayAccountLogging extends Construct {
  readonly account: ApiGatewayAccount;
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: { roleName: string; scope: AwsScope }) {
    super(scope, id);
    const { partition, region, accountId } = props.scope;
    const role = new IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: assumeRolePolicy('apigateway.amazonaws.com'),
    });
    // The role serves every API of the account in this Region (the setting is account-wide), so
    // its scope is the Region's log groups, not one stack's: AWS's managed policy uses "*".
    const logGroups = `arn:${partition}:logs:${region}:${accountId}:log-group:*`;
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'push-to-cloudwatch-logs',
      role: role.id,
      policy: policyDocument([
        {
          sid: 'PushLogs',
          actions: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:DescribeLogGroups',
            'logs:DescribeLogStreams',
            'logs:PutLogEvents',
            'logs:GetLogEvents',
            'logs:FilterLogEvents',
          ],
          resources: [logGroups],
        },
      ]),
    });
    this.roleArn = role.arn;
    this.account = new ApiGatewayAccount(this, 'account', {
      cloudwatchRoleArn: role.arn,
      dependsOn: [policy],
    });
  }
}
