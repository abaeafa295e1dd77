/**
 * IAM policy documents as plain data. Resources may hold cdktf tokens (`table.arn`); they resolve
 * to Terraform references when the JSON string is synthesized.
 */

/** One `Allow` statement. Every grant in this app lists its actions and resources explicitly. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** A policy document as the JSON string `aws_iam_role_policy.policy` expects. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: [...s.resources],
    })),
  });
}

/** A trust policy that lets one AWS service assume the role. */
export function assumeRolePolicy(servicePrincipal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: servicePrincipal }, Action: 'sts:AssumeRole' }],
  });
}

/**
 * The CloudWatch Logs delivery APIs Step Functions logging calls. They take no resource.
 * Source: Step Functions "IAM policies for logging to CloudWatch Logs".
 */
export const logDeliveryActions = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
] as const;

/** What a traced function or state machine calls to send traces: X-Ray has no resource to name. */
export const xrayWriteActions = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
] as const;

/** The statement a function's or workflow's role gets when tracing is on. */
export const xrayWriteStatement: PolicyStatement = {
  sid: 'WriteTraces',
  actions: xrayWriteActions,
  resources: ['*'],
};

/**
 * Actions that AWS does not let a policy scope to a resource: they must name `"*"`. The only
 * place this app writes an unscoped resource; tests allow exactly these.
 */
export const unscopableActions = [...logDeliveryActions, ...xrayWriteActions] as const;
/** Write access to one log group's streams: what Lambda needs to log, and nothing else. */
export function logWriteStatement(logGroupArn: string): PolicyStatement {
  return {
    sid: 'WriteOwnLogGroup',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    // The provider's log group `arn` has no `:*` suffix; streams live under `<arn>:log-stream:<name>`.
    resources: [`${logGroupArn}:*`],
  };
}
