import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '@switchboard/manifest';
import type { FunctionRuntime, InvocationResult } from '../../src/contracts.js';
import {
  createFunctionRuntime,
  type FunctionLogLine,
  UnknownFunctionError,
} from '../../src/runtime/index.js';

const loaded = loadManifest(join(__dirname, '..', 'fixtures', 'runtime', 'manifest.json'));
const gatewayEnv = { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' };

function successValue(result: InvocationResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected success, got ${result.error.errorType}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

describe('createFunctionRuntime', () => {
  let runtime: FunctionRuntime;
  const logs: FunctionLogLine[] = [];

  beforeEach(() => {
    logs.length = 0;
    runtime = createFunctionRuntime({
      loaded,
      environment: gatewayEnv,
      maxEnvironmentsPerFunction: 2,
      onLog: (entry) => logs.push(entry),
    });
  });
  afterEach(() => runtime.close());

  it('calls the handler with the event and a Lambda-like context', async () => {
    const value = successValue(await runtime.invoke('echo', { hello: 'world' }, { awsRequestId: 'req-1' }));

    expect(value.event).toEqual({ hello: 'world' });
    expect(value.context).toMatchObject({
      awsRequestId: 'req-1',
      functionName: 'echo',
      callbackWaitsForEmptyEventLoop: true,
    });
    const remainingMs = (value.context as { remainingMs: number }).remainingMs;
    expect(remainingMs).toBeGreaterThan(2000);
    expect(remainingMs).toBeLessThanOrEqual(3000);
  });

  (existsSync('/proc/self/task') ? it : it.skip)(
    'names each environment thread after its function, for top -H',
    async () => {
      const threadNames = () =>
        readdirSync('/proc/self/task').map((tid) =>
          readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(),
        );
      expect(threadNames()).not.toContain('fn:echo');
      await runtime.invoke('echo', {});
      expect(threadNames()).toContain('fn:echo');
    },
  );

  it('gives each function its own environment variables, the gateway winning over the manifest', async () => {
    const value = successValue(await runtime.invoke('echo', {}));

    expect(value.env).toEqual({
      GREETING: 'hello',
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'echo',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_TIMEOUT: '3',
      // The host's variables do not leak in.
      HOME: null,
    });
    expect(process.env.GREETING).toBeUndefined();
  });

  it('reuses a warm environment between sequential calls', async () => {
    const first = successValue(await runtime.invoke('echo', {}));
    const second = successValue(await runtime.invoke('echo', {}));

    expect(second.threadId).toBe(first.threadId);
    expect(second.calls).toBe(2);
  });

  it('starts more environments for overlapping calls, up to the bound, then queues', async () => {
    const calls = [1, 2, 3, 4].map((tag) => runtime.invoke('slow', { ms: 150, tag }));
    const values = (await Promise.all(calls)).map(successValue);

    expect(values.map((v) => v.tag)).toEqual([1, 2, 3, 4]);
    expect(new Set(values.map((v) => v.threadId)).size).toBe(2);
  });

  it('reclaims an environment left idle past reclaimIdleEnvironmentMs, keeping one warm', async () => {
    const reclaiming = createFunctionRuntime({
      loaded,
      environment: gatewayEnv,
      maxEnvironmentsPerFunction: 2,
      reclaimIdleEnvironmentMs: 200,
    });
    try {
      const overlapping = () =>
        Promise.all([1, 2].map((tag) => reclaiming.invoke('slow', { ms: 100, tag }))).then((results) =>
          results.map((result) => successValue(result).threadId),
        );
      const before = new Set(await overlapping());
      await new Promise((resolve) => setTimeout(resolve, 600));

      const after = await overlapping();

      expect(before.size).toBe(2);
      // One environment stayed warm; the other was terminated, so a new one had to start.
      expect(after.filter((threadId) => before.has(threadId))).toHaveLength(1);
    } finally {
      await reclaiming.close();
    }
  });

  it('fails a call past timeoutSeconds with Sandbox.Timedout and replaces the environment', async () => {
    const timedOut = await runtime.invoke('slow', { spin: true }, { awsRequestId: 'req-t' });

    expect(timedOut).toMatchObject({
      ok: false,
      error: {
        kind: 'timeout',
        errorType: 'Sandbox.Timedout',
        message: 'RequestId: req-t Error: Task timed out after 1.00 seconds',
      },
    });
    expect(successValue(await runtime.invoke('slow', { tag: 'after' })).tag).toBe('after');
  });

  it('reports a thrown error by its name and message', async () => {
    await expect(runtime.invoke('fail', { what: 'the job' })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'error', errorType: 'JobFailed', message: 'cannot do the job' },
    });
    await expect(runtime.invoke('fail', { plain: true })).resolves.toMatchObject({
      error: { kind: 'error', errorType: 'string', message: 'plain string' },
    });
  });

  it('reports process.exit as a crash, and the next call succeeds in a fresh environment', async () => {
    const crashed = await runtime.invoke('crash', { exit: true });

    expect(crashed).toMatchObject({
      ok: false,
      error: {
        kind: 'crash',
        errorType: 'Runtime.ExitError',
        message: 'Runtime exited with error: exit status 3',
      },
    });
    expect(successValue(await runtime.invoke('crash', {}))).toBe('ok');
  });

  it('fails only the call in flight when an environment crashes; queued calls run once each', async () => {
    const single = createFunctionRuntime({ loaded, environment: gatewayEnv, maxEnvironmentsPerFunction: 1 });
    try {
      const results = await Promise.all([
        single.invoke('crash', { throwLater: true }),
        single.invoke('crash', {}),
        single.invoke('crash', {}),
      ]);

      expect(results.map((r) => (r.ok ? r.value : r.error.kind))).toEqual(['crash', 'ok', 'ok']);
      expect(results[0]).toMatchObject({
        error: { message: expect.stringContaining('thrown outside the handler') },
      });
    } finally {
      await single.close();
    }
  });

  it('supports callback-style handlers and .js bundles', async () => {
    expect(successValue(await runtime.invoke('callback', { n: 21 }))).toEqual({ doubled: 42 });
    expect(successValue(await runtime.invoke('legacy', {}))).toEqual({ from: 'js' });
  });

  it("names a missing export with Lambda's Runtime.HandlerNotFound", async () => {
    await expect(runtime.invoke('noExport', {})).resolves.toMatchObject({
      ok: false,
      error: { kind: 'error', errorType: 'Runtime.HandlerNotFound' },
    });
  });

  it('forwards console output line by line, tagged with the function name', async () => {
    await runtime.invoke('chatty', { n: 7 });
    // Worker streams are asynchronous: the lines may arrive after the result.
    for (let waitedMs = 0; logs.length < 3 && waitedMs < 2000; waitedMs += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(logs).toEqual(
      expect.arrayContaining([
        { functionName: 'chatty', stream: 'stdout', line: 'working on 7' },
        { functionName: 'chatty', stream: 'stderr', line: 'a warning' },
        { functionName: 'chatty', stream: 'stdout', line: 'partial line' },
      ]),
    );
  });

  it('rejects an unknown function name', async () => {
    await expect(runtime.invoke('nope', {})).rejects.toBeInstanceOf(UnknownFunctionError);
  });
});
