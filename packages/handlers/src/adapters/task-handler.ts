/**
 * Workflow tasks: the state input in, the task's result out. Errors are rethrown so that Step
 * Functions sees their name (`errorType`) and applies the Retry and Catch of the state.
 */
import { describeError, type Logger } from '../log.js';

export function createTaskHandler<I, O>(options: {
  functionName: string;
  /** The task; `fields` are added to the log line, `output` is what Step Functions gets. */
  run: (input: I) => Promise<{ output: O; fields?: Record<string, unknown> }>;
  logger: Logger;
}): (input: I) => Promise<O> {
  return async (input) => {
    const started = performance.now();
    const jobId = (input as { jobId?: unknown } | undefined)?.jobId;
    const base = { fn: options.functionName, route: 'task', jobId };
    try {
      const { output, fields } = await options.run(input);
      options.logger.invocation({
        ...base,
        outcome: 'ok',
        durationMs: Math.round(performance.now() - started),
        ...fields,
      });
      return output;
    } catch (error) {
      options.logger.invocation({
        ...base,
        outcome: 'error',
        durationMs: Math.round(performance.now() - started),
        ...describeError(error),
      });
      throw error;
    }
  };
}
