import { stages } from '../src/config/environments.js';
import { testEnvironments as environments } from './support/environments.js';
import { type Block, loadFixture, resourcesOf, synthStack } from './support/synth.js';

const { manifest } = loadFixture();
const alarmsOf = (json: ReturnType<typeof synthStack>) =>
  new Map(
    resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, body]) => [body.alarm_name as string, body]),
  );

describe.each(stages)('alarms of %s', (stage) => {
  const json = synthStack(stage);
  const alarms = alarmsOf(json);
  const { thresholds } = environments[stage].alarms;
  const alarm = (id: string): Block => {
    const found = alarms.get(`switchboard-${stage}-${id}`);
    if (!found) throw new Error(`no alarm ${id}; have ${[...alarms.keys()].join(', ')}`);
    return found;
  };

  it('watch IntegrationError, ExecutionError and ClientError on the stage (ApiId and Stage)', () => {
    for (const [id, metric, threshold] of [
      ['api-integration-errors', 'IntegrationError', thresholds.apiIntegrationErrors],
      ['api-execution-errors', 'ExecutionError', thresholds.apiExecutionErrors],
      ['api-client-errors', 'ClientError', thresholds.apiClientErrors],
    ] as const) {
      expect(alarm(id)).toMatchObject({
        namespace: 'AWS/ApiGateway',
        metric_name: metric,
        dimensions: { ApiId: expect.stringMatching(/^\$\{aws_apigatewayv2_api\.[^.]+\.id\}$/), Stage: stage },
        statistic: 'Sum',
        threshold,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'notBreaching',
      });
    }
  });

  it('watch Errors and Throttles of every function', () => {
    for (const name of Object.keys(manifest.functions)) {
      const dimensions = { FunctionName: `switchboard-${stage}-${name}` };
      expect(alarm(`lambda-errors-${name}`)).toMatchObject({
        namespace: 'AWS/Lambda',
        metric_name: 'Errors',
        dimensions,
        threshold: thresholds.lambdaErrors,
      });
      expect(alarm(`lambda-throttles-${name}`)).toMatchObject({
        namespace: 'AWS/Lambda',
        metric_name: 'Throttles',
        dimensions,
        threshold: thresholds.lambdaThrottles,
      });
    }
  });

  it('watch failed and timed-out workflow executions', () => {
    const dimensions = {
      StateMachineArn: expect.stringMatching(new RegExp(`:stateMachine:switchboard-${stage}-notify$`)),
    };
    expect(alarm('workflow-failed-notify')).toMatchObject({
      namespace: 'AWS/States',
      metric_name: 'ExecutionsFailed',
      dimensions,
    });
    expect(alarm('workflow-timed-out-notify')).toMatchObject({
      namespace: 'AWS/States',
      metric_name: 'ExecutionsTimedOut',
      dimensions,
    });
  });

  it('watch throttled reads and writes of the table and its index', () => {
    const queries = alarm('table-throttles-connections').metric_query as Block[];
    const metrics = queries.filter((q) => q.metric).map((q) => q.metric as Block);
    expect(
      metrics.map((m) => [m.metric_name, (m.dimensions as Block).GlobalSecondaryIndexName ?? null]),
    ).toEqual([
      ['ReadThrottleEvents', null],
      ['WriteThrottleEvents', null],
      ['ReadThrottleEvents', 'byUser'],
      ['WriteThrottleEvents', 'byUser'],
    ]);
    expect(queries.filter((q) => q.return_data)).toEqual([
      expect.objectContaining({ expression: 'read0 + write0 + read1 + write1' }),
    ]);
  });

  it('notify nobody unless a topic is configured', () => {
    for (const body of alarms.values()) expect(body.alarm_actions).toEqual([]);
    expect(json.resource.aws_sns_topic).toBeUndefined();
  });
});

describe('alarm settings', () => {
  it('use the configured thresholds, period and topic', () => {
    const topicArn = 'arn:aws:sns:eu-west-1:333333333333:oncall';
    const config = {
      ...environments.prod,
      alarms: {
        ...environments.prod.alarms,
        periodSeconds: 60,
        evaluationPeriods: 3,
        thresholds: { ...environments.prod.alarms.thresholds, lambdaErrors: 5 },
        notify: { topicArn },
      },
    };
    const alarms = alarmsOf(synthStack('prod', undefined, config));
    expect(alarms.get('switchboard-prod-lambda-errors-ping')).toMatchObject({
      threshold: 5,
      period: 60,
      evaluation_periods: 3,
      alarm_actions: [topicArn],
      ok_actions: [topicArn],
    });
  });

  it('create a topic with e-mail subscriptions when given addresses, and output its ARN', () => {
    const config = {
      ...environments.dev,
      alarms: { ...environments.dev.alarms, notify: { emails: ['oncall@example.org'] } },
    };
    const json = synthStack('dev', undefined, config);
    const [[topicId, topic]] = resourcesOf(json, 'aws_sns_topic') as [[string, Block]];
    expect(topic.name).toBe('switchboard-dev-alarms');
    expect(resourcesOf(json, 'aws_sns_topic_subscription').map(([, s]) => [s.protocol, s.endpoint])).toEqual([
      ['email', 'oncall@example.org'],
    ]);
    const ref = `\${aws_sns_topic.${topicId}.arn}`;
    expect(alarmsOf(json).get('switchboard-dev-lambda-errors-ping')!.alarm_actions).toEqual([ref]);
    expect(json.output.alarm_topic_arn!.value).toBe(ref);
  });
});
