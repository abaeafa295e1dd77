/** Starts executions of a state machine with `@aws-sdk/client-sfn`. */
import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { WorkflowStartError } from '../errors.js';

/**
 * @example
 * const start = createWorkflowStarter(new SFNClient({}), process.env.STATE_MACHINE_ARN_NOTIFY!);
 * const executionArn = await start({ jobId }, jobId);
 */
export function createWorkflowStarter(
  client: SFNClient,
  stateMachineArn: string,
): (input: unknown, executionName: string) => Promise<string> {
  return async (input, executionName) => {
    try {
      const output = await client.send(
        new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }),
      );
      return output.executionArn ?? '';
    } catch (cause) {
      const name = cause instanceof Error ? cause.name : 'Error';
      throw new WorkflowStartError(`StartExecution of ${stateMachineArn} failed (${name})`, { cause });
    }
  };
}
