import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { functionArnPlaceholder, loadManifest } from '@switchboard/manifest';
import { createFunctionRuntime } from '../../src/runtime/index.js';
import { invokeFunctionWith, startStepFunctions } from '../../src/services/index.js';

const loaded = loadManifest(join(__dirname, '..', 'fixtures', 'runtime', 'manifest.json'));

describe('Step Functions over the function runtime', () => {
  it('runs workflow tasks in the functions’ workers and catches their errors by Lambda errorType', async () => {
    const runtime = createFunctionRuntime({ loaded, environment: { AWS_REGION: 'us-east-1' } });
    const sfn = await startStepFunctions({
      stateMachines: {
        job: {
          definition: {
            StartAt: 'Echo',
            States: {
              Echo: {
                Type: 'Task',
                Resource: functionArnPlaceholder('echo'),
                ResultSelector: { 'calls.$': '$.calls' },
                ResultPath: '$.echo',
                Next: 'Fail',
              },
              Fail: {
                Type: 'Task',
                Resource: functionArnPlaceholder('fail'),
                Catch: [{ ErrorEquals: ['JobFailed'], ResultPath: '$.failure', Next: 'Caught' }],
                End: true,
              },
              Caught: { Type: 'Pass', End: true },
            },
          },
        },
      },
      region: 'us-east-1',
      accountId: '000000000000',
      invokeFunction: invokeFunctionWith(runtime),
      postToConnection: async () => ({ statusCode: 200 }),
    });
    const client = new SFNClient({
      endpoint: sfn.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    try {
      const { executionArn } = await client.send(
        new StartExecutionCommand({
          stateMachineArn: sfn.stateMachineArns.job,
          input: '{"what":"the report"}',
        }),
      );
      await sfn.waitForExecution(executionArn!);
      const { status, output } = await client.send(new DescribeExecutionCommand({ executionArn }));

      expect(status).toBe('SUCCEEDED');
      expect(JSON.parse(output!)).toEqual({
        what: 'the report',
        echo: { calls: 1 },
        failure: {
          Error: 'JobFailed',
          Cause: JSON.stringify({ errorType: 'JobFailed', errorMessage: 'cannot do the report', trace: [] }),
        },
      });
    } finally {
      client.destroy();
      await sfn.close();
      await runtime.close();
    }
  });
});
