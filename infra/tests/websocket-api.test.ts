import { stages } from '../src/config/environments.js';
import { testEnvironments as environments } from './support/environments.js';
import {
  findCycle,
  loadFixture,
  resolveRef,
  resourcesOf,
  synthStack,
  withManifest,
} from './support/synth.js';

const { manifest } = loadFixture();
const manifestRoutes = Object.entries(manifest.functions).flatMap(([name, spec]) =>
  (spec.routes ?? []).map((routeKey) => ({ routeKey, name, twoWay: spec.routeResponse ?? false })),
);
const deploymentTrigger = (json: ReturnType<typeof synthStack>) => {
  const [[, deployment]] = resourcesOf(json, 'aws_apigatewayv2_deployment') as [
    [string, { triggers: { redeployment: string } }],
  ];
  return deployment.triggers.redeployment;
};

describe.each(stages)('WebSocketApi in %s', (stage) => {
  const json = synthStack(stage);
  const routes = resourcesOf(json, 'aws_apigatewayv2_route').map(([, body]) => body);
  const permissions = resourcesOf(json, 'aws_lambda_permission').map(([, body]) => body);

  it('is a WebSocket API with the manifest route selection expression', () => {
    const [[, api]] = resourcesOf(json, 'aws_apigatewayv2_api') as [[string, Record<string, unknown>]];
    expect(api).toMatchObject({
      protocol_type: 'WEBSOCKET',
      route_selection_expression: '$request.body.action',
    });
  });

  it('wires every manifest route to its function through a POST proxy integration', () => {
    expect(routes.map((r) => r.route_key).sort()).toEqual(manifestRoutes.map((r) => r.routeKey).sort());
    for (const { routeKey, name } of manifestRoutes) {
      const route = routes.find((r) => r.route_key === routeKey)!;
      const integration = resolveRef(json, (route.target as string).replace(/^integrations\//, ''));
      expect(integration).toMatchObject({ integration_type: 'AWS_PROXY', integration_method: 'POST' });
      const fn = resolveRef(json, (integration.integration_uri as string).replace('.invoke_arn}', '.arn}'));
      expect(fn.function_name).toBe(`switchboard-${stage}-${name}`);
    }
  });

  it('lets API Gateway invoke each route function from that route of this stage only', () => {
    for (const { routeKey, name } of manifestRoutes) {
      const matching = permissions.filter((p) =>
        (p.source_arn as string).endsWith(`/${environments[stage].stageName}/${routeKey}`),
      );
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject({
        action: 'lambda:InvokeFunction',
        principal: 'apigateway.amazonaws.com',
      });
      expect(matching[0]!.source_arn).toMatch(/^\$\{aws_apigatewayv2_api\.[^.]+\.execution_arn\}\//);
      expect(resolveRef(json, matching[0]!.function_name as string).function_name).toBe(
        `switchboard-${stage}-${name}`,
      );
    }
  });

  it('gives two-way routes a $default route response, and one-way routes none', () => {
    const responses = resourcesOf(json, 'aws_apigatewayv2_route_response').map(([, body]) => body);
    for (const { routeKey, twoWay } of manifestRoutes) {
      const route = routes.find((r) => r.route_key === routeKey)!;
      const [routeName] = Object.entries(json.resource.aws_apigatewayv2_route!).find(([, b]) => b === route)!;
      const own = responses.filter((r) => (r.route_id as string).includes(`.${routeName}.`));
      expect(own.map((r) => r.route_response_key)).toEqual(twoWay ? ['$default'] : []);
      expect(route.route_response_selection_expression).toBe(twoWay ? '$default' : undefined);
    }
  });

  it('guards $connect with the REQUEST authorizer on the token query string', () => {
    const [[, authorizer]] = resourcesOf(json, 'aws_apigatewayv2_authorizer') as [
      [string, Record<string, unknown>],
    ];
    expect(authorizer).toMatchObject({
      authorizer_type: 'REQUEST',
      identity_sources: ['route.request.querystring.token'],
    });
    expect(
      resolveRef(json, (authorizer.authorizer_uri as string).replace('.invoke_arn}', '.arn}')).function_name,
    ).toBe(`switchboard-${stage}-authorize`);
    const connect = routes.find((r) => r.route_key === '$connect')!;
    expect(connect.authorization_type).toBe('CUSTOM');
    expect(routes.filter((r) => r.authorization_type !== undefined)).toHaveLength(1);
    expect(
      permissions.some((p) =>
        /\/authorizers\/\$\{aws_apigatewayv2_authorizer\./.test(p.source_arn as string),
      ),
    ).toBe(true);
  });

  it('deploys after every route and replaces the deployment create-before-destroy', () => {
    const [[, deployment]] = resourcesOf(json, 'aws_apigatewayv2_deployment') as [
      [string, Record<string, unknown>],
    ];
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    const dependsOn = deployment.depends_on as string[];
    for (const name of Object.keys(json.resource.aws_apigatewayv2_route!)) {
      expect(dependsOn).toContain(`aws_apigatewayv2_route.${name}`);
    }
  });

  it('throttles the stage and writes JSON access logs to a log group with retention', () => {
    const [[, stageBody]] = resourcesOf(json, 'aws_apigatewayv2_stage') as [
      [string, Record<string, unknown>],
    ];
    const config = environments[stage];
    expect(stageBody.name).toBe(config.stageName);
    expect(stageBody.default_route_settings).toEqual({
      throttling_burst_limit: config.throttling.burstLimit,
      throttling_rate_limit: config.throttling.ratePerSecond,
    });
    const access = stageBody.access_log_settings as { destination_arn: string; format: string };
    expect(JSON.parse(access.format)).toMatchObject({
      connectionId: '$context.connectionId',
      routeKey: '$context.routeKey',
    });
    expect(resolveRef(json, access.destination_arn).retention_in_days).toBe(config.logRetentionDays);
  });

  it('has no dependency cycle (functions get the API id and workflow ARN, the API and workflow get functions)', () => {
    expect(findCycle(json)).toBeUndefined();
  });
});

describe('deployment trigger', () => {
  it('is stable for the same manifest and changes when a route is added', () => {
    const before = deploymentTrigger(synthStack('dev'));
    expect(deploymentTrigger(synthStack('dev'))).toBe(before);
    const withEcho = withManifest((m) => {
      m.functions.ping!.routes = ['ping', 'echo'];
    });
    expect(deploymentTrigger(synthStack('dev', withEcho))).not.toBe(before);
  });

  it('changes when a route becomes two-way or the authorizer identity source changes', () => {
    const before = deploymentTrigger(synthStack('dev'));
    const twoWay = withManifest((m) => {
      m.functions.rooms!.routeResponse = true;
    });
    const header = withManifest((m) => {
      m.authorizer!.identitySources = ['route.request.header.Authorization'];
    });
    expect(deploymentTrigger(synthStack('dev', twoWay))).not.toBe(before);
    expect(deploymentTrigger(synthStack('dev', header))).not.toBe(before);
  });
});

describe('auth mode none', () => {
  it('deploys no authorizer and leaves $connect open', () => {
    const json = synthStack('dev', loadFixture(), { ...environments.dev, auth: { mode: 'none' } });
    expect(resourcesOf(json, 'aws_apigatewayv2_authorizer')).toEqual([]);
    const connect = resourcesOf(json, 'aws_apigatewayv2_route').find(([, r]) => r.route_key === '$connect')!;
    expect(connect[1].authorization_type).toBeUndefined();
  });
});
