import aslValidator from 'asl-validator';
import { buildAppManifest } from '../src/app-manifest.js';
import { functionNameOfPlaceholder } from '@switchboard/manifest';
import { buildNotifyWorkflow, notifyStates } from '../src/workflow/notify-workflow.js';

type State = Record<string, unknown> & { Type: string; Resource?: string; Next?: string; Catch?: unknown[] };
const statesOf = (definition: Record<string, unknown>) => definition.States as Record<string, State>;

describe('buildNotifyWorkflow', () => {
  it('produces ASL that asl-validator accepts', () => {
    const { isValid, errors } = aslValidator(buildNotifyWorkflow());
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('is checked by a validator that does reject a broken machine', () => {
    const broken = buildNotifyWorkflow();
    (statesOf(broken)[notifyStates.getConn] as State).Next = 'Nowhere';
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it('runs DoWork -> GetConn -> Notify, and a failed DoWork still reaches Notify with $.error', () => {
    const states = statesOf(buildNotifyWorkflow());
    expect(Object.keys(states)).toEqual(['DoWork', 'GetConn', 'Notify']);
    expect(states.DoWork?.Next).toBe('GetConn');
    expect(states.GetConn?.Next).toBe('Notify');
    expect(states.Notify?.End).toBe(true);
    expect(states.DoWork?.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'GetConn' },
    ]);
  });

  it('retries task errors but not bad input', () => {
    const retry = statesOf(buildNotifyWorkflow({ maxRetries: 3 })).DoWork?.Retry as Array<
      Record<string, unknown>
    >;
    expect(retry[0]).toEqual({ ErrorEquals: ['JobInputError', 'WorkflowInputError'], MaxAttempts: 0 });
    expect(retry[1]).toMatchObject({ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 });
  });

  it('names manifest functions in every Task Resource, or the ARNs infra passes', () => {
    const manifest = buildAppManifest();
    for (const state of Object.values(statesOf(buildNotifyWorkflow()))) {
      const name = functionNameOfPlaceholder(state.Resource ?? '');
      expect(name && manifest.functions[name]).toBeTruthy();
    }
    const deployed = buildNotifyWorkflow({
      functionArn: (name) => `arn:aws:lambda:eu-west-1:123456789012:function:sb-${name}`,
    });
    expect(statesOf(deployed).Notify?.Resource).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:sb-notify',
    );
    expect(aslValidator(deployed).isValid).toBe(true);
  });
});
