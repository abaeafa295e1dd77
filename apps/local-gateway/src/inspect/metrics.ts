/**
 * The metrics API Gateway and Lambda publish to CloudWatch, counted the same way: AWS/ApiGateway
 * (ConnectCount, MessageCount, IntegrationError, ClientError, ExecutionError,
 * IntegrationLatency) per API and stage, AWS/Lambda (Invocations, Errors, Duration, Throttles)
 * per function.
 */
import { MetricSeries } from './metric-series.js';

export const apiGatewayMetrics = {
  ConnectCount: { unit: 'Count', statistic: 'Sum' },
  MessageCount: { unit: 'Count', statistic: 'Sum' },
  IntegrationError: { unit: 'Count', statistic: 'Sum' },
  ClientError: { unit: 'Count', statistic: 'Sum' },
  ExecutionError: { unit: 'Count', statistic: 'Sum' },
  IntegrationLatency: { unit: 'Milliseconds', statistic: 'Average' },
} as const;

export const lambdaMetrics = {
  Invocations: { unit: 'Count', statistic: 'Sum' },
  Errors: { unit: 'Count', statistic: 'Sum' },
  Duration: { unit: 'Milliseconds', statistic: 'Average' },
  // The local runtime queues calls beyond its environments instead of throttling: always 0.
  Throttles: { unit: 'Count', statistic: 'Sum' },
} as const;

export type ApiGatewayMetricName = keyof typeof apiGatewayMetrics;
export type LambdaMetricName = keyof typeof lambdaMetrics;

/** One metric as the metrics endpoint serves it, in CloudWatch's terms. */
export interface MetricReport {
  namespace: 'AWS/ApiGateway' | 'AWS/Lambda';
  metricName: string;
  dimensions: Record<string, string>;
  unit: string;
  statistic: 'Sum' | 'Average';
  /** Since the gateway started. */
  sum: number;
  sampleCount: number;
  maximum: number;
  /** Period starts (ISO 8601) and values, oldest first. */
  timestamps: string[];
  values: number[];
}

export interface MetricsOptions {
  /** @default 10000 */
  periodMs?: number;
  /** Periods kept for the charts. @default 60 */
  periods?: number;
}

/** Counts the metrics of one gateway. */
export class GatewayMetrics {
  readonly periodMs: number;
  readonly periods: number;
  readonly #api = new Map<ApiGatewayMetricName, MetricSeries>();
  readonly #lambda = new Map<string, Map<LambdaMetricName, MetricSeries>>();

  constructor(
    readonly dimensions: { ApiId: string; Stage: string },
    options: MetricsOptions = {},
  ) {
    this.periodMs = options.periodMs ?? 10_000;
    this.periods = options.periods ?? 60;
    for (const name of Object.keys(apiGatewayMetrics) as ApiGatewayMetricName[]) {
      this.#api.set(name, new MetricSeries(this.periodMs, this.periods));
    }
  }

  // `now` is passed in: one clock read per frame or invocation, whatever it adds to.
  api(name: ApiGatewayMetricName, value: number, now: number): void {
    this.#api.get(name)!.add(value, now);
  }

  lambda(functionName: string, durationMs: number, failed: boolean, now: number): void {
    const series = this.#functionSeries(functionName);
    series.get('Invocations')!.add(1, now);
    series.get('Duration')!.add(durationMs, now);
    if (failed) series.get('Errors')!.add(1, now);
  }

  /** Totals per function since start: invocations and summed duration (the bill's inputs). */
  lambdaTotals(): Array<{ functionName: string; invocations: number; durationMs: number }> {
    return [...this.#lambda].map(([functionName, series]) => ({
      functionName,
      invocations: series.get('Invocations')!.total.sum,
      durationMs: series.get('Duration')!.total.sum,
    }));
  }

  apiTotal(name: ApiGatewayMetricName): number {
    return this.#api.get(name)!.total.sum;
  }

  report(now = Date.now()): MetricReport[] {
    const reports: MetricReport[] = [];
    for (const [name, series] of this.#api) {
      reports.push(
        this.#report('AWS/ApiGateway', name, apiGatewayMetrics[name], { ...this.dimensions }, series, now),
      );
    }
    for (const [functionName, byName] of this.#lambda) {
      for (const [name, series] of byName) {
        reports.push(
          this.#report('AWS/Lambda', name, lambdaMetrics[name], { FunctionName: functionName }, series, now),
        );
      }
    }
    return reports;
  }

  #functionSeries(functionName: string): Map<LambdaMetricName, MetricSeries> {
    let series = this.#lambda.get(functionName);
    if (!series) {
      series = new Map();
      for (const name of Object.keys(lambdaMetrics) as LambdaMetricName[]) {
        series.set(name, new MetricSeries(this.periodMs, this.periods));
      }
      this.#lambda.set(functionName, series);
    }
    return series;
  }

  #report(
    namespace: MetricReport['namespace'],
    metricName: string,
    kind: { unit: string; statistic: 'Sum' | 'Average' },
    dimensions: Record<string, string>,
    series: MetricSeries,
    now: number,
  ): MetricReport {
    const points = series.datapoints(this.periods, kind.statistic, now);
    return {
      namespace,
      metricName,
      dimensions,
      unit: kind.unit,
      statistic: kind.statistic,
      ...series.total,
      timestamps: points.map(([start]) => new Date(start).toISOString()),
      values: points.map(([, value]) => value),
    };
  }
}
