import { functionArnPlaceholder } from '@switchboard/manifest';
import { stages } from '../src/config/environments.js';
import { fanOutEnvironment, fanOutVariables } from '../src/constructs/fan-out-settings.js';
import { testEnvironments } from './support/environments.js';
import {
  type Block,
  lambdaNamed,
  policyStatements,
  resolveRef,
  resourcesOf,
  synthStack,
  withManifest,
} from './support/synth.js';

// The reference app's fan-out as the manifest describes it (packages/handlers: an EXPRESS state
// machine, a Map over the room's shards, the fanOut task in its processor; rooms starts it).
const withFanOut = withManifest((manifest) => {
  manifest.functions.fanOut = {
    handler: 'functions/notify/index.handler',
    timeoutSeconds: 120,
    permissions: ['table', 'connections'],
    environment: { ROOM_SHARDS: '8' },
  };
  const rooms = manifest.functions.rooms!;
  rooms.permissions = ['table', 'connections', 'startWorkflow'];
  rooms.environment = { ROOM_SHARDS: '8', FANOUT_THRESHOLD: '250', FANOUT_RATE_PER_SECOND: '5000' };
  manifest.stateMachines!.fanOut = {
    type: 'EXPRESS',
    definition: {
      StartAt: 'PostSlices',
      States: {
        PostSlices: {
          Type: 'Map',
          ItemsPath: '$.shards',
          MaxConcurrency: 16,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'PostSlice',
            States: { PostSlice: { Type: 'Task', Resource: functionArnPlaceholder('fanOut'), End: true } },
          },
          End: true,
        },
      },
    },
  };
});

describe.each(stages)('the fan-out in %s', (stage) => {
  const json = synthStack(stage, withFanOut);
  const machines = Object.fromEntries(
    resourcesOf(json, 'aws_sfn_state_machine').map(([, body]) => [body.name as string, body]),
  );
  const fanOut = machines[`switchboard-${stage}-fanOut`]!;
  const statements = policyStatements(json);
  const roleOf = (fn: Block) => (fn.role as string).replace('.arn}', '.id}');

  it('is an EXPRESS state machine (notify stays STANDARD) whose Map task is the fanOut function', () => {
    expect(fanOut.type).toBe('EXPRESS');
    expect(machines[`switchboard-${stage}-notify`]!.type).toBe('STANDARD');
    const definition = JSON.parse(fanOut.definition as string);
    const task = definition.States.PostSlices.ItemProcessor.States.PostSlice;
    expect(resolveRef(json, task.Resource).function_name).toBe(`switchboard-${stage}-fanOut`);
  });

  it('has a role that may invoke the fanOut function and nothing else', () => {
    const role = (fanOut.role_arn as string).replace('.arn}', '.id}');
    const invoke = statements.filter((s) => s.role === role && s.statement.Sid === 'InvokeTasks');
    expect(invoke).toHaveLength(1);
    const resources = invoke[0]!.statement.Resource.map((r) => resolveRef(json, r).function_name);
    expect(resources).toEqual([`switchboard-${stage}-fanOut`]);
  });

  it('may be started by rooms (states:StartExecution on its ARN, no wildcard)', () => {
    const rooms = lambdaNamed(json, `switchboard-${stage}-rooms`);
    const starts = statements.filter((s) => s.role === roleOf(rooms) && s.statement.Sid === 'StartWorkflow');
    const resources = starts.flatMap((s) => s.statement.Resource);
    expect(resources.some((r) => r.endsWith(`:stateMachine:switchboard-${stage}-fanOut`))).toBe(true);
    for (const s of starts) expect(s.statement.Action).toEqual(['states:StartExecution']);
  });

  it('alarms on failed and timed-out executions (a slice that failed every retry)', () => {
    const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, body]) => body);
    const onFanOut = alarms.filter((a) =>
      JSON.stringify(a.dimensions ?? {}).includes(':stateMachine:switchboard-'),
    );
    const metrics = onFanOut
      .filter((a) => JSON.stringify(a.dimensions).includes(`switchboard-${stage}-fanOut`))
      .map((a) => a.metric_name);
    expect(metrics.sort()).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut']);
  });

  it("sets the environment's ROOM_SHARDS, threshold and rate over exactly the variables the manifest declares", () => {
    const settings = testEnvironments[stage].fanOut;
    const variablesOf = (name: string) =>
      (lambdaNamed(json, `switchboard-${stage}-${name}`).environment as { variables: Record<string, string> })
        .variables;
    expect(variablesOf('rooms')).toMatchObject({
      [fanOutVariables.roomShards]: String(settings.roomShards),
      [fanOutVariables.threshold]: String(settings.threshold),
      [fanOutVariables.ratePerSecond]: String(settings.ratePerSecond),
    });
    expect(variablesOf('fanOut')[fanOutVariables.roomShards]).toBe(String(settings.roomShards));
    expect(variablesOf('fanOut')[fanOutVariables.threshold]).toBeUndefined();
    // A function whose manifest names none of them gets none (as the local gateway gives it).
    expect(Object.keys(variablesOf('ping'))).not.toContain(fanOutVariables.roomShards);
  });
});

describe('fanOutEnvironment', () => {
  it('refuses a roomShards the store does not take, naming the setting', () => {
    const settings = { roomShards: 0, threshold: 250, ratePerSecond: 5000 };
    expect(() => fanOutEnvironment(settings, { environment: {} })).toThrow(
      /fanOut.roomShards must be an integer from 1 to 100, got 0/,
    );
  });
});
