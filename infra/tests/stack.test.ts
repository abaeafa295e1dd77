import { stages } from '../src/config/environments.js';
import { expectedBackend, testAccounts, testEnvironments as environments } from './support/environments.js';
import { AWS_PROVIDER_VERSION } from '../src/stack.js';
import { findCycle, resolveRef, synthStack, type TerraformJson } from './support/synth.js';

describe.each(stages)('SwitchboardStack %s', (stage) => {
  const json = synthStack(stage);
  const config = environments[stage];

  it('pins the AWS provider and sets the region, the account guard and default tags', () => {
    expect(json.terraform.required_providers).toEqual({
      aws: { source: 'aws', version: AWS_PROVIDER_VERSION },
    });
    expect(json.provider.aws).toEqual([
      {
        region: config.region,
        allowed_account_ids: [testAccounts[stage]],
        default_tags: [{ tags: { app: 'switchboard', stage } }],
      },
    ]);
  });

  it('keeps state where the environment says: local for dev, S3 with its own lock file elsewhere', () => {
    expect(config.state.kind).toBe(stage === 'dev' ? 'local' : 's3');
    expect(json.terraform.backend).toEqual(expectedBackend(stage));
    expect(JSON.stringify(json.terraform.backend)).not.toContain('dynamodb');
  });

  it('outputs the WebSocket URL, the connection URL, the table name and the state machine ARN', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'connections_url',
      'state_machine_arn_notify',
      'table_name',
      'websocket_url',
    ]);
    expect(json.output.websocket_url!.value).toMatch(/^\$\{aws_apigatewayv2_stage\.[^.]+\.invoke_url\}$/);
    expect(json.output.connections_url!.value).toMatch(
      new RegExp(
        `^https://\\$\\{aws_apigatewayv2_api\\.[^.]+\\.id\\}\\.execute-api\\.${config.region}\\.amazonaws\\.com/${config.stageName}$`,
      ),
    );
    expect(resolveRef(json, json.output.table_name!.value).name).toBe(`switchboard-${stage}-connections`);
    expect(resolveRef(json, json.output.state_machine_arn_notify!.value).name).toBe(
      `switchboard-${stage}-notify`,
    );
  });

  it('leaves the account-wide API Gateway logging role to the bootstrap stack', () => {
    expect(JSON.stringify(json)).not.toContain('aws_api_gateway_account');
  });
});

describe('findCycle (the helper the cycle tests rely on)', () => {
  it('reports a cycle through references and depends_on', () => {
    const json = {
      resource: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform reference, as synthesized
        aws_lambda_function: { f: { environment: { variables: { ARN: '${aws_sfn_state_machine.m.arn}' } } } },
        aws_sfn_state_machine: { m: { depends_on: ['aws_lambda_function.f'] } },
      },
    } as unknown as TerraformJson;
    expect(findCycle(json)).toEqual([
      'aws_lambda_function.f',
      'aws_sfn_state_machine.m',
      'aws_lambda_function.f',
    ]);
  });
});
