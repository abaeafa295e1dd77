/**
 * The job flow: submitJob through its handler (real SFN client against a stand-in endpoint),
 * then the workflow's tasks run in the order and with the ResultPaths the ASL gives them.
 */
import { createDoWorkFunction } from '../src/compose/doWork.js';
import { createGetConnectionsFunction } from '../src/compose/getConnections.js';
import { createNotifyFunction } from '../src/compose/notify.js';
import { startDynamoFaultProxy } from '@switchboard/connection-store/testing';
import { createConnectFunction } from '../src/compose/connect.js';
import type { CaughtError, NotifyInput } from '../src/workflow/types.js';
import { type ConnectionUrl, startConnectionUrl } from './support/connection-url.js';
import { type LocalTable, startLocalTable } from './support/dynamo.js';
import { makeConnectEvent, makeMessageEvent, memoryLogger } from './support/events.js';
import { type StepFunctionsStandIn, startStepFunctions } from './support/step-functions.js';
import { createSubmitJobFunction } from './support/message-functions.js';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:notify';
let table: LocalTable;
let url: ConnectionUrl;
let sfn: StepFunctionsStandIn;
let env: Record<string, string>;

beforeAll(async () => {
  table = await startLocalTable();
  sfn = await startStepFunctions();
});
afterAll(async () => {
  await sfn.close();
  await table.close();
});
beforeEach(async () => {
  url = await startConnectionUrl();
  sfn.requests.length = 0;
  sfn.failWith = undefined;
  env = {
    TABLE_NAME: table.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_ENDPOINT_URL_SFN: sfn.endpoint,
    CONNECTIONS_ENDPOINT: url.endpoint,
    STATE_MACHINE_ARN_NOTIFY: STATE_MACHINE_ARN,
    JOB_DEFAULT_DURATION_MS: '0',
    JOB_PROGRESS_STEPS: '4',
  };
});
afterEach(() => url.close());

let unique = 0;
async function connected(userId: string): Promise<string> {
  unique += 1;
  const connectionId = `${userId}${unique}=`;
  await createConnectFunction(env, memoryLogger())(makeConnectEvent({ connectionId, userId }));
  return connectionId;
}

async function submit(connectionId: string, userId: string, text: string): Promise<string> {
  const handler = createSubmitJobFunction(env, memoryLogger());
  await handler(
    makeMessageEvent({
      connectionId,
      userId,
      body: { action: 'submitJob', requestId: 'j1', input: { text } },
    }),
  );
  const accepted = url.postsTo(connectionId).findLast((m) => m.type === 'jobAccepted');
  expect(accepted).toEqual({ type: 'jobAccepted', jobId: expect.any(String), requestId: 'j1' });
  return String(accepted!.jobId);
}

/** DoWork (Catch -> $.error) -> GetConn ($.recipients) -> Notify, as the ASL wires them. */
async function runWorkflow(jobId: string) {
  const state: Record<string, unknown> = { jobId };
  try {
    state.work = await createDoWorkFunction(env, memoryLogger())({ jobId });
  } catch (error) {
    const e = error as Error;
    state.error = {
      Error: e.name,
      Cause: JSON.stringify({ errorType: e.name, errorMessage: e.message }),
    } satisfies CaughtError;
  }
  state.recipients = await createGetConnectionsFunction(env, memoryLogger())({ jobId });
  return createNotifyFunction(env, memoryLogger())(state as unknown as NotifyInput);
}

describe('submitJob and the notify workflow', () => {
  it('accepts the job, starts the execution, reports progress and completion to every owner connection', async () => {
    const [a1, a2, other] = [await connected('alice'), await connected('alice'), await connected('bob')];

    const jobId = await submit(a1, 'alice', 'count these four words');

    expect(sfn.requests).toEqual([
      {
        target: 'AWSStepFunctions.StartExecution',
        body: { stateMachineArn: STATE_MACHINE_ARN, name: jobId, input: JSON.stringify({ jobId }) },
      },
    ]);
    expect((await table.store.getJob(jobId))?.status).toBe('accepted');

    const output = await runWorkflow(jobId);

    const result = { text: expect.stringMatching(/^4 words, 22 characters, digest [0-9a-f]{16}$/) };
    for (const connectionId of [a1, a2]) {
      expect(url.postsTo(connectionId).filter((m) => m.type !== 'jobAccepted')).toEqual([
        { type: 'jobProgress', jobId, percent: 25 },
        { type: 'jobProgress', jobId, percent: 50 },
        { type: 'jobProgress', jobId, percent: 75 },
        { type: 'jobCompleted', jobId, result },
      ]);
    }
    expect(url.postsTo(other)).toEqual([]);
    expect(output).toEqual({ jobId, status: 'completed', delivered: 2, gone: 0, failed: 0 });
    expect(await table.store.getJob(jobId)).toMatchObject({ status: 'completed', result });
  });

  it('gives the same result for the same input (deterministic work)', async () => {
    const me = await connected('dora');
    const first = await submit(me, 'dora', 'same input');
    await runWorkflow(first);
    const second = await submit(me, 'dora', 'same input');
    await runWorkflow(second);
    expect((await table.store.getJob(first))?.result).toEqual((await table.store.getJob(second))?.result);
  });

  it('turns a failed DoWork into jobFailed with a client-safe message', async () => {
    const me = await connected('erin');
    const jobId = await submit(me, 'erin', '!fail please');

    const output = await runWorkflow(jobId);

    expect(url.postsTo(me).at(-1)).toEqual({
      type: 'jobFailed',
      jobId,
      error: { code: 'invalid_payload', message: expect.stringContaining('fails on purpose') },
    });
    expect(output.status).toBe('failed');
    expect((await table.store.getJob(jobId))?.status).toBe('failed');
  });

  it('keeps internal errors out of jobFailed', async () => {
    const me = await connected('finn');
    const jobId = await submit(me, 'finn', 'fine');
    const recipients = await createGetConnectionsFunction(env, memoryLogger())({ jobId });
    const error = {
      Error: 'Error',
      Cause: JSON.stringify({ errorMessage: 'socket hang up at 10.0.0.1', trace: ['at x'] }),
    };

    await createNotifyFunction(env, memoryLogger())({ jobId, error, recipients });

    expect(url.postsTo(me).at(-1)).toEqual({
      type: 'jobFailed',
      jobId,
      error: { code: 'internal_error', message: 'The job failed' },
    });
  });

  it('posts the outcome once when Notify runs again for the same job (a Retry, a second execution)', async () => {
    const me = await connected('gail');
    const jobId = await submit(me, 'gail', 'twice');
    const work = await createDoWorkFunction(env, memoryLogger())({ jobId });
    const recipients = await createGetConnectionsFunction(env, memoryLogger())({ jobId });
    const notify = createNotifyFunction(env, memoryLogger());

    await expect(notify({ jobId, work, recipients })).resolves.toMatchObject({ delivered: 1 });
    const logger = memoryLogger();
    const again = await createNotifyFunction(env, logger)({ jobId, work, recipients });

    expect(again).toEqual({
      jobId,
      status: 'completed',
      delivered: 0,
      gone: 0,
      failed: 0,
      alreadyNotified: true,
    });
    expect(url.postsTo(me).filter((m) => m.type === 'jobCompleted')).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ outcome: 'ok', alreadyNotified: true });
    expect(await table.store.getJob(jobId)).toMatchObject({
      status: 'completed',
      notifiedAtMs: expect.any(Number),
    });
  });

  it('posts jobFailed once when Notify of a failed job runs again', async () => {
    const me = await connected('ivan');
    const jobId = await submit(me, 'ivan', '!fail twice');
    await runWorkflow(jobId);
    const recipients = await createGetConnectionsFunction(env, memoryLogger())({ jobId });
    const error = { Error: 'JobInputError', Cause: JSON.stringify({ errorMessage: 'fails on purpose' }) };

    const again = await createNotifyFunction(env, memoryLogger())({ jobId, error, recipients });

    expect(again).toMatchObject({ status: 'failed', delivered: 0, alreadyNotified: true });
    expect(url.postsTo(me).filter((m) => m.type === 'jobFailed')).toHaveLength(1);
  });

  it('accepts a job whose write was applied but answered 500: the SDK retry meets its own job', async () => {
    const proxy = await startDynamoFaultProxy(table.endpoint);
    try {
      env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
      const me = await connected('jill');
      // Applied, then answered 500, once: the SDK's retry meets the job its first attempt wrote.
      const removeFault = proxy.inject({
        fault: 'applied-internal',
        operations: ['PutItem'],
        match: (body) => body.includes('"JOB#'),
        maxAttempt: 1,
      });

      const jobId = await submit(me, 'jill', 'lost answer');
      removeFault();

      expect(proxy.stats.faults).toEqual({ 'applied-internal': 1 });
      expect(url.postsTo(me).map((m) => m.type)).toEqual(['jobAccepted']);
      expect(sfn.requests).toHaveLength(1);
      expect(await table.store.getJob(jobId)).toMatchObject({ status: 'accepted', connectionId: me });
    } finally {
      await proxy.close();
    }
  });

  it('answers jobFailed (unavailable) when StartExecution is refused, and marks the job failed', async () => {
    const me = await connected('hank');
    sfn.failWith = 'StateMachineDoesNotExist';
    const logger = memoryLogger();

    await createSubmitJobFunction(
      env,
      logger,
    )(
      makeMessageEvent({
        connectionId: me,
        userId: 'hank',
        body: { action: 'submitJob', requestId: 'j2', input: { text: 'x' } },
      }),
    );

    const [accepted, failed] = url.postsTo(me);
    expect(accepted).toMatchObject({ type: 'jobAccepted', requestId: 'j2' });
    expect(failed).toEqual({
      type: 'jobFailed',
      jobId: accepted!.jobId,
      requestId: 'j2',
      error: { code: 'unavailable', message: expect.any(String) },
    });
    expect((await table.store.getJob(String(accepted!.jobId)))?.status).toBe('failed');
    expect(logger.lines[0]).toMatchObject({ outcome: 'rejected', errorName: 'WorkflowStartError' });
  });

  it('refuses a task input without jobId by name, so the state machine does not retry it', async () => {
    await expect(createGetConnectionsFunction(env, memoryLogger())({} as never)).rejects.toMatchObject({
      name: 'WorkflowInputError',
    });
  });
});
