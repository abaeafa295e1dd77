import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api/index.js';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer/index.js';
import { Apigatewayv2Deployment } from '@cdktf/provider-aws/lib/apigatewayv2-deployment/index.js';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration/index.js';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route/index.js';
import { Apigatewayv2RouteResponse } from '@cdktf/provider-aws/lib/apigatewayv2-route-response/index.js';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { EnvConfig, LogRetentionDays } from '../config/environments.js';
import { type ApiWiring, hashApiWiring } from '../deployment-hash.js';
import { ManifestTranslationError } from '../errors.js';
import type { Naming } from '../naming.js';
import type { HandlerFunction } from './handler-function.js';

/** One manifest route and the function that serves it. */
export interface RouteTarget {
  routeKey: string;
  fn: HandlerFunction;
  /** The manifest's `routeResponse`: the function's `body` goes back to the caller. */
  twoWay: boolean;
}

export interface WebSocketApiProps {
  naming: Naming;
  region: string;
  stageName: string;
  routeSelectionExpression: string;
  routes: readonly RouteTarget[];
  /** REQUEST authorizer on `$connect` (API Gateway authorizes WebSocket APIs there only). */
  authorizer?: { fn: HandlerFunction; identitySources: readonly string[] };
  throttling: EnvConfig['throttling'];
  logRetentionDays: LogRetentionDays;
  /** `dualstack` also serves IPv6 on the execute-api endpoint. @default 'ipv4' */
  ipAddressType?: 'ipv4' | 'dualstack';
}

/** The access log line: one JSON object per connect, message and disconnect. */
export const accessLogFormat = JSON.stringify({
  requestId: '$context.requestId',
  connectionId: '$context.connectionId',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  status: '$context.status',
  requestTimeEpoch: '$context.requestTimeEpoch',
  sourceIp: '$context.identity.sourceIp',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
  authorizeError: '$context.authorize.error',
  error: '$context.error.message',
});

const INTEGRATION = { type: 'AWS_PROXY', method: 'POST' } as const;

/** Construct id of a route's resources; route keys may hold `/`, which construct ids may not. */
const idOf = (routeKey: string) => encodeURIComponent(routeKey);

/**
 * The WebSocket API: one proxy integration, route and Lambda permission per manifest route, route
 * responses for two-way routes, the `$connect` authorizer, a deployment that is replaced whenever
 * the wiring changes, and a throttled stage with JSON access logs.
 */
export class WebSocketApi extends Construct {
  readonly apiId: string;
  readonly executionArn: string;
  readonly stageName: string;
  /** `wss://{apiId}.execute-api.{region}.amazonaws.com/{stage}`: what clients connect to. */
  readonly websocketUrl: string;
  /** `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`: the `@connections` endpoint. */
  readonly connectionsUrl: string;
  /** The deployment's `triggers.redeployment` value. */
  readonly wiringHash: string;
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: WebSocketApiProps) {
    super(scope, id);
    this.stageName = props.stageName;
    this.api = this.createApi(props);
    this.apiId = this.api.id;
    this.executionArn = this.api.executionArn;
    const authorizer = this.createAuthorizer(props);
    const routes = this.createRoutes(props, authorizer);
    this.wiringHash = hashApiWiring(this.describeWiring(props));
    const deployment = this.createDeployment(routes);
    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-logs', {
      name: props.naming.name('accessLogGroup', 'websocket-access'),
      retentionInDays: props.logRetentionDays,
    });
    this.stage = this.createStage(props, deployment);
    this.websocketUrl = this.stage.invokeUrl;
    // Built from the id and the configured stage name, not from the stage resource: functions
    // need it in their environment, and the stage (through its deployment) depends on them.
    this.connectionsUrl = `https://${this.apiId}.execute-api.${props.region}.amazonaws.com/${props.stageName}`;
  }

  /**
   * Lets a function post to connections of this stage through the `@connections` API.
   * @param methods HTTP methods of the management API it uses @default ['POST']
   */
  grantManageConnections(
    fn: HandlerFunction,
    methods: readonly ('POST' | 'GET' | 'DELETE')[] = ['POST'],
  ): void {
    fn.addPolicy('manage-connections', [
      {
        sid: 'ManageConnections',
        actions: ['execute-api:ManageConnections'],
        resources: methods.map((m) => `${this.executionArn}/${this.stageName}/${m}/@connections/*`),
      },
    ]);
  }

  private createApi(props: WebSocketApiProps): Apigatewayv2Api {
    return new Apigatewayv2Api(this, 'api', {
      name: props.naming.name('api', 'websocket'),
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: props.routeSelectionExpression,
      ...(props.ipAddressType ? { ipAddressType: props.ipAddressType } : {}),
    });
  }

  private createAuthorizer(props: WebSocketApiProps): Apigatewayv2Authorizer | undefined {
    if (!props.authorizer) return undefined;
    if (!props.routes.some((r) => r.routeKey === '$connect')) {
      throw new ManifestTranslationError(
        'authorizer: API Gateway authorizes WebSocket connections on $connect only, and no function serves $connect',
      );
    }
    const { fn, identitySources } = props.authorizer;
    const authorizer = new Apigatewayv2Authorizer(this, 'authorizer', {
      apiId: this.apiId,
      name: props.naming.name('authorizer', 'connect'),
      authorizerType: 'REQUEST',
      authorizerUri: fn.invokeArn,
      identitySources: [...identitySources],
    });
    new LambdaPermission(this, 'authorizer-permission', {
      action: 'lambda:InvokeFunction',
      // The resource's attribute, not the plain name: the permission must wait for the function.
      functionName: fn.lambda.functionName,
      principal: 'apigateway.amazonaws.com',
      statementId: 'AllowApiGatewayAuthorizer',
      sourceArn: `${this.executionArn}/authorizers/${authorizer.id}`,
    });
    return authorizer;
  }

  private createRoutes(props: WebSocketApiProps, authorizer: Apigatewayv2Authorizer | undefined) {
    const created: ITerraformDependable[] = [];
    for (const { routeKey, fn, twoWay } of props.routes) {
      const id = idOf(routeKey);
      const integration = new Apigatewayv2Integration(this, `integration-${id}`, {
        apiId: this.apiId,
        integrationType: INTEGRATION.type,
        integrationMethod: INTEGRATION.method,
        integrationUri: fn.invokeArn,
      });
      const isConnect = routeKey === '$connect';
      const route = new Apigatewayv2Route(this, `route-${id}`, {
        apiId: this.apiId,
        routeKey,
        target: `integrations/${integration.id}`,
        ...(isConnect && authorizer ? { authorizationType: 'CUSTOM', authorizerId: authorizer.id } : {}),
        // "$default" is the only supported value; with a route response it makes the route two-way.
        ...(twoWay ? { routeResponseSelectionExpression: '$default' } : {}),
      });
      created.push(integration, route);
      if (twoWay) {
        created.push(
          new Apigatewayv2RouteResponse(this, `route-response-${id}`, {
            apiId: this.apiId,
            routeId: route.id,
            routeResponseKey: '$default',
          }),
        );
      }
      new LambdaPermission(this, `permission-${id}`, {
        action: 'lambda:InvokeFunction',
        // The resource's attribute, not the plain name: the permission must wait for the function.
        functionName: fn.lambda.functionName,
        principal: 'apigateway.amazonaws.com',
        statementId: `AllowRoute-${routeKey.replace(/^\$/, 'dollar-').replace(/[^A-Za-z0-9_-]/g, '_')}`,
        // WebSocket source ARNs are `<execution arn>/<stage>/<route key>`, no method segment.
        sourceArn: `${this.executionArn}/${props.stageName}/${routeKey}`,
      });
    }
    return created;
  }

  private describeWiring(props: WebSocketApiProps): ApiWiring {
    return {
      routeSelectionExpression: props.routeSelectionExpression,
      integration: INTEGRATION,
      routes: props.routes.map((r) => ({
        routeKey: r.routeKey,
        functionName: r.fn.functionName,
        twoWay: r.twoWay,
        authorized: r.routeKey === '$connect' && props.authorizer !== undefined,
      })),
      ...(props.authorizer
        ? {
            authorizer: {
              functionName: props.authorizer.fn.functionName,
              identitySources: props.authorizer.identitySources,
            },
          }
        : {}),
    };
  }

  private createDeployment(routes: ITerraformDependable[]): Apigatewayv2Deployment {
    return new Apigatewayv2Deployment(this, 'deployment', {
      apiId: this.apiId,
      description: `wiring ${this.wiringHash.slice(0, 12)}`,
      triggers: { redeployment: this.wiringHash },
      // A deployment snapshots the routes: create it after them, and create the new one before
      // the stage lets go of the old, so the stage never points at nothing.
      dependsOn: routes,
      lifecycle: { createBeforeDestroy: true },
    });
  }

  private createStage(props: WebSocketApiProps, deployment: Apigatewayv2Deployment): Apigatewayv2Stage {
    return new Apigatewayv2Stage(this, 'stage', {
      apiId: this.apiId,
      name: props.stageName,
      deploymentId: deployment.id,
      defaultRouteSettings: {
        throttlingBurstLimit: props.throttling.burstLimit,
        throttlingRateLimit: props.throttling.ratePerSecond,
      },
      // Needs API Gateway's account-wide CloudWatch role, which the bootstrap stack sets.
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: accessLogFormat },
    });
  }
}
