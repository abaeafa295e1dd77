/**
 * The notify workflow as Amazon States Language: DoWork -> GetConn -> Notify. A failed DoWork is
 * caught and still goes through GetConn -> Notify, which then posts `jobFailed`. Infra deploys
 * this JSON with real ARNs; the local gateway runs the same JSON.
 */
import { functionArnPlaceholder } from '@switchboard/manifest/names';

/** Names of the manifest functions the workflow calls. */
export const workflowFunctions = {
  doWork: 'doWork',
  getConnections: 'getConnections',
  notify: 'notify',
} as const;

/** State names, as they appear in the execution history. */
export const notifyStates = { doWork: 'DoWork', getConn: 'GetConn', notify: 'Notify' } as const;

export interface NotifyWorkflowOptions {
  /** ARN of a task's function. @default functionArnPlaceholder */
  functionArn?: (functionName: string) => string;
  /** Retries after the first attempt, for a task error that may be transient. @default 2 */
  maxRetries?: number;
  /** First retry delay. @default 1 */
  retryIntervalSeconds?: number;
  /** @default 2 */
  backoffRate?: number;
  /** Upper bound of DoWork, past which it fails with `States.Timeout`. @default 120 */
  doWorkTimeoutSeconds?: number;
  /** Upper bound of GetConn and Notify. @default 30 */
  taskTimeoutSeconds?: number;
}

/** An ASL document; a plain JSON object. */
export type StateMachineDefinition = Record<string, unknown>;

/**
 * Builds the notify state machine's definition.
 * @example
 * const definition = buildNotifyWorkflow({ functionArn: (name) => deployed[name].arn });
 */
export function buildNotifyWorkflow(options: NotifyWorkflowOptions = {}): StateMachineDefinition {
  const arn = options.functionArn ?? functionArnPlaceholder;
  const retry = [
    // A bad input fails the same way every time: go straight to the Catch.
    { ErrorEquals: ['JobInputError', 'WorkflowInputError'], MaxAttempts: 0 },
    {
      // States.TaskFailed matches every task error except States.Timeout (Lambda throttling,
      // service errors, a DynamoDB or PostToConnection failure that escaped the function).
      ErrorEquals: ['States.TaskFailed'],
      IntervalSeconds: options.retryIntervalSeconds ?? 1,
      MaxAttempts: options.maxRetries ?? 2,
      BackoffRate: options.backoffRate ?? 2,
      JitterStrategy: 'FULL',
    },
  ];
  const taskTimeoutSeconds = options.taskTimeoutSeconds ?? 30;
  return {
    Comment: 'Switchboard notify workflow: DoWork -> GetConn -> Notify (jobCompleted or jobFailed)',
    StartAt: notifyStates.doWork,
    States: {
      [notifyStates.doWork]: {
        Type: 'Task',
        Resource: arn(workflowFunctions.doWork),
        InputPath: '$',
        ResultPath: '$.work',
        TimeoutSeconds: options.doWorkTimeoutSeconds ?? 120,
        Retry: retry,
        // Whatever stopped the work, the owner hears about it: GetConn -> Notify with $.error.
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: notifyStates.getConn }],
        Next: notifyStates.getConn,
      },
      [notifyStates.getConn]: {
        Type: 'Task',
        Resource: arn(workflowFunctions.getConnections),
        ResultPath: '$.recipients',
        TimeoutSeconds: taskTimeoutSeconds,
        Retry: retry,
        Next: notifyStates.notify,
      },
      [notifyStates.notify]: {
        Type: 'Task',
        Resource: arn(workflowFunctions.notify),
        TimeoutSeconds: taskTimeoutSeconds,
        Retry: retry,
        End: true,
      },
    },
  };
}
