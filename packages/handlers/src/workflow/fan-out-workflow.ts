/**
 * The fan-out workflow as Amazon States Language: one Map over the room's shards, each
 * iteration a `fanOut` task that posts one slice. It runs as an EXPRESS state machine (a
 * broadcast is short and frequent; Standard would bill 25 µ$ per transition and keep history
 * nobody reads). Infra deploys this JSON with the real ARN; the local gateway runs the same JSON.
 *
 * A Retry belongs to the iteration, so a failed slice is run again on its own: the slices that
 * succeeded are not posted twice. Within a retried slice members may get the message twice
 * (and an Express execution is at-least-once): every `message` carries its `id` for that.
 */
import { functionArnPlaceholder } from '@switchboard/manifest/names';
import type { StateMachineDefinition } from './notify-workflow.js';

/** The manifest function that posts one slice. */
export const fanOutFunction = 'fanOut';

/** State names, as they appear in the execution's logs. */
export const fanOutStates = { slices: 'PostSlices', slice: 'PostSlice' } as const;

/** The execution input `send` starts the fan-out with. */
export interface FanOutExecutionInput {
  room: string;
  /** The encoded `message`, posted as is. */
  data: string;
  /** Its `id`, for logs. */
  messageId: string;
  /** The sender, who gets its copy as the route's reply. */
  exclude: string;
  /** The shards to post, 0 to `roomShards - 1`: one Map iteration each. */
  shards: number[];
  /** Posts per second this slice may make (the broadcast's budget over its slices). */
  ratePerSecond: number;
}

/** What one `fanOut` task receives: the execution's input for one shard. */
export interface FanOutSliceInput extends Omit<FanOutExecutionInput, 'shards'> {
  shard: number;
}

/** What one `fanOut` task returns. */
export interface FanOutSliceOutput {
  shard: number;
  delivered: number;
  gone: number;
  throttled: number;
  /** Posts that failed for good (neither delivered, gone nor retryable). */
  failed: number;
}

export interface FanOutWorkflowOptions {
  /** ARN of the worker function. @default functionArnPlaceholder */
  functionArn?: (functionName: string) => string;
  /** Slices posted at once (Map MaxConcurrency, so Lambda concurrency per broadcast). @default 16 */
  maxConcurrency?: number;
  /** Retries of a failed slice after its first attempt. @default 3 */
  maxRetries?: number;
  /** @default 1 */
  retryIntervalSeconds?: number;
  /** Upper bound of one slice. Express executions stop at 5 minutes regardless. @default 120 */
  sliceTimeoutSeconds?: number;
}

/**
 * @example
 * const definition = buildFanOutWorkflow({ maxConcurrency: 8 });
 */
export function buildFanOutWorkflow(options: FanOutWorkflowOptions = {}): StateMachineDefinition {
  const arn = options.functionArn ?? functionArnPlaceholder;
  return {
    Comment: 'Switchboard fan-out: one room broadcast, one fanOut task per shard (Map)',
    StartAt: fanOutStates.slices,
    // Express executions end at 5 minutes; a broadcast that cannot finish by then has failed.
    TimeoutSeconds: 300,
    States: {
      [fanOutStates.slices]: {
        Type: 'Map',
        ItemsPath: '$.shards',
        MaxConcurrency: options.maxConcurrency ?? 16,
        ItemSelector: {
          'room.$': '$.room',
          'data.$': '$.data',
          'messageId.$': '$.messageId',
          'exclude.$': '$.exclude',
          'ratePerSecond.$': '$.ratePerSecond',
          'shard.$': '$$.Map.Item.Value',
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: fanOutStates.slice,
          States: {
            [fanOutStates.slice]: {
              Type: 'Task',
              Resource: arn(fanOutFunction),
              TimeoutSeconds: options.sliceTimeoutSeconds ?? 120,
              Retry: [
                // A bad input fails the same way every time.
                { ErrorEquals: ['WorkflowInputError'], MaxAttempts: 0 },
                {
                  // A crashed or timed-out worker, a throttle it could not ride out, a store
                  // fault: the slice again (States.ALL also covers States.Timeout).
                  ErrorEquals: ['States.ALL'],
                  IntervalSeconds: options.retryIntervalSeconds ?? 1,
                  MaxAttempts: options.maxRetries ?? 3,
                  BackoffRate: 2,
                  JitterStrategy: 'FULL',
                },
              ],
              End: true,
            },
          },
        },
        // The per-slice counts are the output; the message itself is not repeated in it.
        ResultPath: '$.slices',
        OutputPath: '$.slices',
        End: true,
      },
    },
  };
}
