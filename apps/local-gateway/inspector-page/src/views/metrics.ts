import { h } from '../dom.js';
import type { MetricRow, View } from '../types.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 240;
const HEIGHT = 48;

/** A metric's periods as a polyline, scaled to its own maximum. */
function sparkline(values: number[]): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('class', 'spark');
  svg.setAttribute('role', 'img');
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const points = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(HEIGHT - 2 - (v / max) * (HEIGHT - 4)).toFixed(1)}`,
  );
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.join(' '));
  svg.append(line);
  return svg;
}

function card(metric: MetricRow): HTMLElement {
  const scope = metric.dimensions.FunctionName ?? `${metric.dimensions.Stage ?? ''}`;
  const total =
    metric.statistic === 'Sum' ? metric.sum : metric.sampleCount ? metric.sum / metric.sampleCount : 0;
  return h(
    'figure',
    { class: 'metric', 'data-metric': metric.metricName, 'data-scope': scope },
    h(
      'figcaption',
      {},
      `${metric.metricName} · ${scope}`,
      h('strong', {}, ` ${Math.round(total * 10) / 10}`),
    ),
    sparkline(metric.values),
  );
}

/** `#/metrics`: AWS/ApiGateway and AWS/Lambda, one small time series each. */
export function metricsView(): View {
  const api = h('div', { class: 'metrics', id: 'api-metrics' });
  const lambda = h('div', { class: 'metrics', id: 'lambda-metrics' });
  return {
    root: h('section', {}, h('h2', {}, 'AWS/ApiGateway'), api, h('h2', {}, 'AWS/Lambda'), lambda),
    update(snapshot) {
      api.replaceChildren(...snapshot.metrics.filter((m) => m.namespace === 'AWS/ApiGateway').map(card));
      lambda.replaceChildren(...snapshot.metrics.filter((m) => m.namespace === 'AWS/Lambda').map(card));
    },
  };
}
