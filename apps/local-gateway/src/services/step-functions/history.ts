/**
 * GetExecutionHistory, minimal: aws-local-stepfunctions' event log turned into the AWS history
 * event shapes the SDK parses (execution start/end, state entered/exited, task failures).
 */

/** One event as GetExecutionHistory returns it (`timestamp` as a Date; the wire uses seconds). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

interface LocalEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
}

const json = (value: unknown) => JSON.stringify(value ?? null);
const cause = (value: unknown) => (typeof value === 'string' ? value : json(value));

function toAwsEvent(event: LocalEvent): { type: string; [details: string]: unknown } | undefined {
  const state = event.state;
  switch (event.type) {
    case 'ExecutionStarted':
      return { type: 'ExecutionStarted', executionStartedEventDetails: { input: json(event.input) } };
    case 'ExecutionSucceeded':
      return { type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: json(event.output) } };
    case 'ExecutionFailed':
      return {
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: event.Error, cause: cause(event.Cause) },
      };
    case 'ExecutionAborted':
      return { type: 'ExecutionAborted', executionAbortedEventDetails: {} };
    case 'ExecutionTimeout':
      return { type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } };
    case 'StateEntered':
      return {
        type: `${state?.type}StateEntered`,
        stateEnteredEventDetails: { name: state?.name, input: json(state?.input) },
      };
    case 'StateExited':
      return {
        type: `${state?.type}StateExited`,
        stateExitedEventDetails: { name: state?.name, output: json(state?.output) },
      };
    case 'StateFailed':
      if (state?.type !== 'Task') return undefined;
      return {
        type: 'TaskFailed',
        taskFailedEventDetails: { error: event.Error, cause: cause(event.Cause) },
      };
    default:
      // Map/Parallel iteration and retry/catch events have no one-to-one AWS shape: left out.
      return undefined;
  }
}

/** Drains `eventLogs` into `history` until the execution ends. */
export async function recordHistory(
  eventLogs: AsyncIterable<unknown>,
  history: HistoryEvent[],
): Promise<void> {
  try {
    for await (const raw of eventLogs) {
      const event = raw as LocalEvent;
      const aws = toAwsEvent(event);
      if (!aws) continue;
      const id = history.length + 1;
      history.push({ ...aws, id, previousEventId: id - 1, timestamp: new Date(event.timestamp) });
    }
  } catch {
    // The log generator ends with the execution; an error here only truncates the history.
  }
}
