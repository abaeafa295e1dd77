import { stages } from '../src/config/environments.js';
import { unscopableActions } from '../src/iam.js';
import {
  lambdaNamed,
  loadFixture,
  onlyResource,
  policyStatements,
  resolveRef,
  synthStack,
} from './support/synth.js';

const { manifest } = loadFixture();

describe.each(stages)('IAM in %s', (stage) => {
  const json = synthStack(stage);
  const statements = policyStatements(json);
  const roleOfFunction = (name: string) => {
    const fn = lambdaNamed(json, `switchboard-${stage}-${name}`);
    return (fn.role as string).replace('.arn}', '.id}');
  };
  const grantsOf = (name: string) => statements.filter((s) => s.role === roleOfFunction(name));

  it('never grants a wildcard action', () => {
    for (const { statement } of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of statement.Action) expect(action).not.toMatch(/(^|:)\*$/);
    }
  });

  it('names "*" as a resource only for actions AWS cannot scope', () => {
    const unscoped = statements.filter(({ statement }) => statement.Resource.includes('*'));
    for (const { statement } of unscoped) {
      expect(statement.Resource).toEqual(['*']);
      expect(unscopableActions).toEqual(expect.arrayContaining(statement.Action));
    }
    // Only the workflow's log delivery needs it (dev, staging and prod all log the workflow).
    expect(unscoped.map((s) => s.statement.Sid)).toEqual(['DeliverLogs']);
  });

  it("gives each function exactly its manifest's permissions, plus writing its own log group", () => {
    const expectedPolicies: Record<string, string> = {
      table: 'table-connections',
      connections: 'manage-connections',
      startWorkflow: 'start-notify',
    };
    for (const [name, spec] of Object.entries(manifest.functions)) {
      const policies = [...new Set(grantsOf(name).map((s) => s.policy))].sort();
      expect(policies).toEqual(['logs', ...(spec.permissions ?? []).map((p) => expectedPolicies[p]!)].sort());
      const logs = grantsOf(name).find((s) => s.policy === 'logs')!.statement;
      expect(logs.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logs.Resource).toEqual([
        expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[^.]+\.arn\}:\*$/),
      ]);
      expect(resolveRef(json, logs.Resource[0]!.replace(/:\*$/, '')).name).toBe(
        `/aws/lambda/switchboard-${stage}-${name}`,
      );
    }
  });

  it('scopes table access to the table and its named index, with no Scan', () => {
    const table = grantsOf('rooms').filter((s) => s.policy === 'table-connections');
    const items = table.find((s) => s.statement.Sid === 'TableItems')!.statement;
    const indexes = table.find((s) => s.statement.Sid === 'TableIndexes')!.statement;
    expect(items.Resource).toEqual([expect.stringMatching(/^\$\{aws_dynamodb_table\.[^.]+\.arn\}$/)]);
    expect(items.Action).not.toContain('dynamodb:Scan');
    expect(items.Action.every((a) => a.startsWith('dynamodb:'))).toBe(true);
    expect(indexes).toMatchObject({
      Action: ['dynamodb:Query'],
      Resource: [expect.stringMatching(/^\$\{aws_dynamodb_table\.[^.]+\.arn\}\/index\/byUser$/)],
    });
  });

  it('scopes ManageConnections to POST @connections of this API and stage', () => {
    for (const name of ['rooms', 'notify']) {
      const [grant] = grantsOf(name).filter((s) => s.policy === 'manage-connections');
      expect(grant!.statement).toMatchObject({
        Action: ['execute-api:ManageConnections'],
        Resource: [
          expect.stringMatching(
            new RegExp(
              `^\\$\\{aws_apigatewayv2_api\\.[^.]+\\.execution_arn\\}/${stage}/POST/@connections/\\*$`,
            ),
          ),
        ],
      });
    }
  });

  it('scopes StartExecution to the notify state machine', () => {
    const [grant] = grantsOf('submitJob').filter((s) => s.policy === 'start-notify');
    const machine = onlyResource(json, 'aws_sfn_state_machine');
    expect(grant!.statement.Action).toEqual(['states:StartExecution']);
    expect(grant!.statement.Resource).toEqual([
      `arn:\${data.aws_partition.partition.partition}:states:eu-west-1:\${data.aws_caller_identity.caller.account_id}:stateMachine:${machine.name}`,
    ]);
  });

  it('lets the workflow invoke exactly its three task functions', () => {
    const machine = onlyResource(json, 'aws_sfn_state_machine');
    const role = (machine.role_arn as string).replace('.arn}', '.id}');
    const invoke = statements.find((s) => s.role === role && s.statement.Sid === 'InvokeTasks')!.statement;
    expect(invoke.Action).toEqual(['lambda:InvokeFunction']);
    expect(invoke.Resource.map((ref) => resolveRef(json, ref).function_name).sort()).toEqual(
      ['doWork', 'getConnections', 'notify'].map((n) => `switchboard-${stage}-${n}`),
    );
  });
});
