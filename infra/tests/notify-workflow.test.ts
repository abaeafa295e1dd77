import { functionArnPlaceholder } from '@switchboard/manifest';
import { stages } from '../src/config/environments.js';
import { testEnvironments as environments } from './support/environments.js';
import { ManifestTranslationError } from '../src/errors.js';
import { resolveWorkflow } from '../src/workflow-definition.js';
import { loadFixture, onlyResource, resolveRef, synthStack } from './support/synth.js';

const { manifest } = loadFixture();

describe.each(stages)('NotifyWorkflow in %s', (stage) => {
  const json = synthStack(stage);
  const machine = onlyResource(json, 'aws_sfn_state_machine');

  it('is the manifest ASL with every placeholder replaced by the real function ARN', () => {
    const definition = machine.definition as string;
    expect(definition).not.toContain('arn:aws:lambda:local');
    const parsed = JSON.parse(definition);
    const expected = structuredClone(manifest.stateMachines!.notify!.definition) as typeof parsed;
    const tasks = [
      [parsed.States.DoWork, 'doWork'],
      [parsed.States.GetConn, 'getConnections'],
      [parsed.States.Notify.ItemProcessor.States.Post, 'notify'],
    ] as const;
    for (const [state, name] of tasks) {
      expect(resolveRef(json, state.Resource).function_name).toBe(`switchboard-${stage}-${name}`);
    }
    // Everything but the ARNs is the manifest's, unchanged.
    expected.States.DoWork.Resource = parsed.States.DoWork.Resource;
    expected.States.GetConn.Resource = parsed.States.GetConn.Resource;
    expected.States.Notify.ItemProcessor.States.Post.Resource =
      parsed.States.Notify.ItemProcessor.States.Post.Resource;
    expect(parsed).toEqual(expected);
  });

  it('logs executions at the environment level to a log group with retention', () => {
    const config = environments[stage];
    const logging = machine.logging_configuration as { level: string; log_destination: string };
    expect(logging.level).toBe(config.workflowLogLevel);
    const group = resolveRef(json, logging.log_destination.replace(/:\*$/, ''));
    expect(group).toEqual({
      name: `/aws/vendedlogs/states/switchboard-${stage}-notify`,
      retention_in_days: config.logRetentionDays,
    });
  });
});

describe('resolveWorkflow', () => {
  const arnOf = (fn: string) => (fn === 'doWork' ? 'arn:aws:lambda:eu-west-1:1:function:x' : undefined);

  it('escapes Terraform template sequences in literal strings', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal that Terraform would interpolate
    const { definition } = resolveWorkflow('m', { Comment: 'costs ${price} %{if}', StartAt: 'A' }, arnOf);
    expect(JSON.parse(definition).Comment).toBe('costs $${price} %%{if}');
  });

  it('finds placeholders at any depth, such as lambda:invoke parameters', () => {
    const result = resolveWorkflow(
      'm',
      {
        States: {
          A: {
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: functionArnPlaceholder('doWork') },
          },
        },
      },
      arnOf,
    );
    expect(result.invokedFunctions).toEqual(['doWork']);
    expect(JSON.parse(result.definition).States.A.Parameters.FunctionName).toBe(
      'arn:aws:lambda:eu-west-1:1:function:x',
    );
  });

  it('names the state of a placeholder for a function the manifest does not have', () => {
    expect(() =>
      resolveWorkflow('notify', { States: { A: { Resource: functionArnPlaceholder('nope') } } }, arnOf),
    ).toThrow(
      new ManifestTranslationError(
        'stateMachines.notify.definition.States.A.Resource: no function named "nope" in the manifest',
      ),
    );
  });

  it('refuses fixed Lambda ARNs and apigateway:invoke tasks', () => {
    expect(() => resolveWorkflow('m', { Resource: 'arn:aws:lambda:eu-west-1:1:function:x' }, arnOf)).toThrow(
      /fixed Lambda ARN/,
    );
    expect(() => resolveWorkflow('m', { Resource: 'arn:aws:states:::apigateway:invoke' }, arnOf)).toThrow(
      /not supported/,
    );
  });
});
