import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  type StartedStepFunctionsService,
  StateMachineDefinitionError,
  startStepFunctions,
} from '../../src/services/index.js';
import { type Machines, machines } from '../fixtures/step-functions/machines.js';
import { fakeServices } from '../support/fake-task-services.js';

const region = 'us-east-1';
const accountId = '000000000000';

describe('startStepFunctions', () => {
  let sfn: StartedStepFunctionsService;
  let client: SFNClient;
  const services = fakeServices();

  // One service for the suite: validating ASL costs 0.1-0.5 s per state machine.
  beforeAll(async () => {
    sfn = await startStepFunctions({
      stateMachines: machines,
      region,
      accountId,
      retryIntervalMs: 5,
      ...services,
    });
    client = new SFNClient({
      endpoint: sfn.endpoint,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  beforeEach(() => services.reset());
  afterAll(async () => {
    client.destroy();
    await sfn.close();
  });

  /** Starts an execution through the SDK and returns DescribeExecution once it has stopped. */
  async function runToEnd(machine: string, input: unknown): Promise<DescribeExecutionCommandOutput> {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: sfn.stateMachineArns[machine],
        input: JSON.stringify(input),
      }),
    );
    await sfn.waitForExecution(executionArn!);
    return client.send(new DescribeExecutionCommand({ executionArn }));
  }

  it('names state machines and executions with AWS ARNs', async () => {
    expect(sfn.stateMachineArns.happy).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:happy');
    const { executionArn, startDate } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: sfn.stateMachineArns.happy,
        name: 'job-1',
        input: '{"n":1}',
      }),
    );

    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:happy:job-1');
    expect(startDate).toBeInstanceOf(Date);
  });

  it('runs a Lambda task on the manifest function and reports SUCCEEDED with the output', async () => {
    const described = await runToEnd('happy', { n: 21 });

    expect(services.calls).toEqual([{ fn: 'doWork', input: { n: 21 } }]);
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: expect.any(String), input: '{"n":21}' });
    expect(JSON.parse(described.output!)).toEqual({ n: 21, result: { doubled: 42 } });
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());
  });

  it('retries a task on its error name, then succeeds', async () => {
    const described = await runToEnd('retry', {});

    expect(services.calls.map((c) => c.fn)).toEqual(['flaky', 'flaky']);
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '"finally"' });
  });

  it('catches a failed task on States.TaskFailed with its error name and cause', async () => {
    const described = await runToEnd('catch', { jobId: 'j1' });

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({
      jobId: 'j1',
      error: { Error: 'JobFailed', Cause: '{"errorType":"JobFailed","errorMessage":"no way"}' },
    });
  });

  it('reports an uncaught task failure as FAILED with error and cause', async () => {
    await expect(runToEnd('uncaught', {})).resolves.toMatchObject({
      status: 'FAILED',
      error: 'JobFailed',
      cause: '{"errorType":"JobFailed","errorMessage":"no way"}',
    });
  });

  it('delivers apigateway:invoke POST /@connections/{id} through postToConnection', async () => {
    const described = await runToEnd('notify', { connectionId: 'R1kmxc2VNjMCFIA=', jobId: 'j7' });

    expect(services.posts).toEqual([
      { connectionId: 'R1kmxc2VNjMCFIA=', body: '{"type":"jobCompleted","jobId":"j7"}' },
    ]);
    expect(JSON.parse(described.output!)).toMatchObject({ StatusCode: 200 });
  });

  it('fails apigateway:invoke with ApiGateway.<status> so ASL can catch a gone connection', async () => {
    const described = await runToEnd('notify', { connectionId: 'stale', jobId: 'j8' });

    expect(JSON.parse(described.output!)).toMatchObject({ gone: { Error: 'ApiGateway.410' } });
  });

  it('runs tasks nested in Parallel and Map, and lambda:invoke with its Payload envelope', async () => {
    const described = await runToEnd('nested', { n: 2, items: [1, 2, 3] });

    expect(JSON.parse(described.output!)).toEqual([{ doubled: 4 }, [2, 4, 6]]);
    expect(services.calls.filter((c) => c.fn === 'doWork')).toEqual([
      { fn: 'doWork', input: { n: 2, items: [1, 2, 3] } },
    ]);
  });

  it('answers unknown machines and executions, and bad input, with the errors the SDK names', async () => {
    const missingMachine = `arn:aws:states:${region}:${accountId}:stateMachine:nope`;
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: missingMachine })),
    ).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${missingMachine}'`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      client.send(
        new DescribeExecutionCommand({
          executionArn: `arn:aws:states:${region}:${accountId}:execution:happy:x`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      client.send(
        new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArns.happy, input: '{not json' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      client.send(
        new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArns.happy, name: 'has space' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidName' });
  });

  it('answers a request body over 1 MiB with 413 ValidationException, on a socket it keeps', async () => {
    const response = await fetch(sfn.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.StartExecution',
      },
      body: JSON.stringify({ stateMachineArn: sfn.stateMachineArns.happy, input: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(await response.json()).toMatchObject({ __type: 'ValidationException' });
  });

  it('refuses a second execution with the same name and different input', async () => {
    const start = (input: string) =>
      client.send(
        new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArns.happy, name: 'once', input }),
      );
    const first = await start('{"n":1}');
    await sfn.waitForExecution(first.executionArn!);

    await expect(start('{"n":2}')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('lists executions newest first and returns a minimal history', async () => {
    const first = await runToEnd('listed', { n: 1 });
    const second = await runToEnd('listed', { n: 2 });

    const { executions } = await client.send(
      new ListExecutionsCommand({ stateMachineArn: sfn.stateMachineArns.listed }),
    );
    expect(executions?.map((e) => [e.executionArn, e.status])).toEqual([
      [second.executionArn, 'SUCCEEDED'],
      [first.executionArn, 'SUCCEEDED'],
    ]);
    const { events } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: first.executionArn }),
    );
    expect(events?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('startStepFunctions with a definition it cannot run', () => {
  const base = {
    region,
    accountId,
    invokeFunction: async () => null,
    postToConnection: async () => ({ statusCode: 200 }),
  };

  it('refuses a Task resource other than a function placeholder, lambda:invoke or apigateway:invoke', async () => {
    const stateMachines: Machines = {
      odd: {
        definition: {
          StartAt: 'Get',
          States: { Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', End: true } },
        },
      },
    };

    await expect(startStepFunctions({ stateMachines, ...base })).rejects.toThrow(
      new StateMachineDefinitionError(
        'odd',
        'state "Get": unsupported Task resource arn:aws:states:::dynamodb:getItem',
      ),
    );
  });

  it('refuses invalid ASL with the validator message', async () => {
    const stateMachines: Machines = { broken: { definition: { StartAt: 'Missing', States: {} } } };

    await expect(startStepFunctions({ stateMachines, ...base })).rejects.toBeInstanceOf(
      StateMachineDefinitionError,
    );
  });
});
