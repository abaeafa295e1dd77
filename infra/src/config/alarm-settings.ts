/** What the alarms of one environment watch for, and whom they tell. */

/** Per-period sums at or above which an alarm fires. */
export interface AlarmThresholds {
  /** API Gateway `IntegrationError`: a function failed or timed out behind a route. */
  readonly apiIntegrationErrors: number;
  /** API Gateway `ExecutionError`: the gateway itself failed to run a route. */
  readonly apiExecutionErrors: number;
  /** API Gateway `ClientError`: 4xx (refused connects, bad frames, throttled clients). */
  readonly apiClientErrors: number;
  /** Lambda `Errors`, per function. */
  readonly lambdaErrors: number;
  /** Lambda `Throttles`, per function. */
  readonly lambdaThrottles: number;
  /** Step Functions `ExecutionsFailed`, per state machine. */
  readonly workflowExecutionsFailed: number;
  /** Step Functions `ExecutionsTimedOut`, per state machine. */
  readonly workflowExecutionsTimedOut: number;
  /** DynamoDB read plus write throttle events, per table (its indexes included). */
  readonly tableThrottledRequests: number;
}

/** Where alarm notices go: an existing SNS topic, or a new one with e-mail subscriptions. */
export type AlarmNotify = { readonly topicArn: string } | { readonly emails: readonly string[] };

export interface AlarmSettings {
  /** Length of one evaluation period. @default 300 */
  readonly periodSeconds: number;
  /** Consecutive breaching periods before the alarm fires. @default 1 */
  readonly evaluationPeriods: number;
  readonly thresholds: AlarmThresholds;
  /** Without it the alarms still show in the console, and notify nobody. */
  readonly notify?: AlarmNotify;
}
