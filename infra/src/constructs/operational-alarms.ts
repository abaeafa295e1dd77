import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import { Construct } from 'constructs';
import type { AlarmSettings, AlarmThresholds } from '../config/alarm-settings.js';
import type { Naming } from '../naming.js';
import type { ConnectionTable } from './connection-table.js';
import type { HandlerFunction } from './handler-function.js';
import type { NotifyWorkflow } from './notify-workflow.js';
import type { WebSocketApi } from './websocket-api.js';

export interface OperationalAlarmsProps {
  naming: Naming;
  settings: AlarmSettings;
  api: WebSocketApi;
  functions: Iterable<HandlerFunction>;
  workflows: readonly NotifyWorkflow[];
  tables: readonly ConnectionTable[];
}

/** A metric watched on every resource of a kind (the API stage, each function, each workflow). */
interface MetricKind {
  id: string;
  metricName: string;
  threshold: keyof AlarmThresholds;
  description: string;
}

const apiMetrics: readonly MetricKind[] = [
  {
    id: 'integration-errors',
    metricName: 'IntegrationError',
    threshold: 'apiIntegrationErrors',
    description: 'Integration (function) responses with 4XX/5XX',
  },
  {
    id: 'execution-errors',
    metricName: 'ExecutionError',
    threshold: 'apiExecutionErrors',
    description: 'Errors calling an integration',
  },
  {
    id: 'client-errors',
    metricName: 'ClientError',
    threshold: 'apiClientErrors',
    description: '4XX returned by API Gateway before any integration ran',
  },
];
const functionMetrics: readonly MetricKind[] = [
  {
    id: 'lambda-errors',
    metricName: 'Errors',
    threshold: 'lambdaErrors',
    description: 'Invocations that failed',
  },
  {
    id: 'lambda-throttles',
    metricName: 'Throttles',
    threshold: 'lambdaThrottles',
    description: 'Invocations refused for lack of concurrency',
  },
];
const workflowMetrics: readonly MetricKind[] = [
  {
    id: 'workflow-failed',
    metricName: 'ExecutionsFailed',
    threshold: 'workflowExecutionsFailed',
    description: 'Failed executions',
  },
  {
    id: 'workflow-timed-out',
    metricName: 'ExecutionsTimedOut',
    threshold: 'workflowExecutionsTimedOut',
    description: 'Timed-out executions',
  },
];

/** One metric of one resource, as CloudWatch names it. */
interface WatchedMetric {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  threshold: keyof AlarmThresholds;
  description: string;
}

/**
 * Every metric of a kind on one resource: the alarm id ends with its manifest name, the
 * description with its deployed name.
 */
function watchOne(
  kinds: readonly MetricKind[],
  namespace: string,
  dimensions: Record<string, string>,
  manifestName: string,
  deployedName: string,
): WatchedMetric[] {
  return kinds.map((m) => ({
    id: `${m.id}-${manifestName}`,
    namespace,
    metricName: m.metricName,
    dimensions,
    threshold: m.threshold,
    description: `${m.description} (${deployedName})`,
  }));
}

/**
 * The alarms of one environment: API Gateway errors on the stage, Lambda errors and throttles per
 * function, failed and timed-out workflow executions, and DynamoDB throttling per table. Each is a
 * per-period sum against a configurable threshold; missing data (no traffic) is not a breach.
 * Notices go to the configured SNS topic, or to a new one with e-mail subscriptions.
 */
export class OperationalAlarms extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];
  /** The topic alarms notify, when one is configured. */
  readonly topicArn: string | undefined;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.topicArn = this.createTopic(props);
    this.alarms = [
      ...this.watchedMetrics(props).map((metric) => this.createMetricAlarm(props, metric)),
      ...props.tables.map((table) => this.createTableThrottleAlarm(props, table)),
    ];
  }

  private createTopic({ naming, settings }: OperationalAlarmsProps): string | undefined {
    const { notify } = settings;
    if (!notify) return undefined;
    if ('topicArn' in notify) return notify.topicArn;
    const topic = new SnsTopic(this, 'topic', { name: naming.name('topic', 'alarms') });
    notify.emails.forEach((endpoint, index) => {
      // Each address gets a confirmation mail; nothing is delivered until it is confirmed.
      new SnsTopicSubscription(this, `email-${index}`, { topicArn: topic.arn, protocol: 'email', endpoint });
    });
    return topic.arn;
  }

  private watchedMetrics({ api, functions, workflows }: OperationalAlarmsProps): WatchedMetric[] {
    // WebSocket API metrics are published per API and per API and stage (ApiId, Stage).
    const stage = { ApiId: api.apiId, Stage: api.stageName };
    return [
      ...apiMetrics.map((m) => ({ ...m, id: `api-${m.id}`, namespace: 'AWS/ApiGateway', dimensions: stage })),
      ...[...functions].flatMap((fn) =>
        watchOne(
          functionMetrics,
          'AWS/Lambda',
          { FunctionName: fn.functionName },
          fn.manifestName,
          fn.functionName,
        ),
      ),
      ...workflows.flatMap((workflow) =>
        watchOne(
          workflowMetrics,
          'AWS/States',
          { StateMachineArn: workflow.stateMachineArn },
          workflow.manifestName,
          workflow.stateMachineName,
        ),
      ),
    ];
  }

  private createMetricAlarm(props: OperationalAlarmsProps, metric: WatchedMetric): CloudwatchMetricAlarm {
    return new CloudwatchMetricAlarm(this, metric.id, {
      ...this.commonSettings(props, metric.id, metric.threshold),
      alarmDescription: metric.description,
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: metric.dimensions,
      statistic: 'Sum',
      period: props.settings.periodSeconds,
    });
  }

  /**
   * DynamoDB's `ThrottledRequests` is only published per operation (TableName, Operation), and an
   * alarm cannot search; the read and write throttle events of the table and of each index sum
   * up every throttled request the store can make.
   */
  private createTableThrottleAlarm(
    props: OperationalAlarmsProps,
    table: ConnectionTable,
  ): CloudwatchMetricAlarm {
    const id = `table-throttles-${table.manifestName}`;
    const targets = [
      { TableName: table.tableName },
      ...table.shape.globalSecondaryIndexes.map((index) => ({
        TableName: table.tableName,
        GlobalSecondaryIndexName: index.name,
      })),
    ];
    const queries = targets.flatMap((dimensions, index) =>
      (['ReadThrottleEvents', 'WriteThrottleEvents'] as const).map((metricName) => ({
        id: `${metricName === 'ReadThrottleEvents' ? 'read' : 'write'}${index}`,
        metric: {
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensions,
          stat: 'Sum',
          period: props.settings.periodSeconds,
        },
        returnData: false,
      })),
    );
    return new CloudwatchMetricAlarm(this, id, {
      ...this.commonSettings(props, id, 'tableThrottledRequests'),
      alarmDescription: `Throttled reads and writes on ${table.tableName} and its indexes`,
      metricQuery: [
        ...queries,
        {
          id: 'throttled',
          expression: queries.map((q) => q.id).join(' + '),
          label: 'Throttled requests',
          returnData: true,
        },
      ],
    });
  }

  private commonSettings(
    { naming, settings }: OperationalAlarmsProps,
    id: string,
    threshold: keyof AlarmThresholds,
  ) {
    const actions = this.topicArn ? [this.topicArn] : [];
    return {
      alarmName: naming.name('alarm', id),
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: settings.thresholds[threshold],
      evaluationPeriods: settings.evaluationPeriods,
      // No traffic means no data points, which is not an error.
      treatMissingData: 'notBreaching',
      alarmActions: actions,
      okActions: actions,
    };
  }
}
