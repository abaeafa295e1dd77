import { getJson } from '../api.js';
import { h, table } from '../dom.js';
import type { CostEstimate, View } from '../types.js';
import { pollWhileOpen } from './polled.js';

const usd = (value: number) => `$${value < 0.01 ? value.toPrecision(3) : value.toFixed(2)}`;

/** `#/cost`: the observed traffic at AWS list prices, and a month at the same rate. */
export function costView(): View {
  const region = h(
    'select',
    { id: 'region', 'aria-label': 'Region' },
    h('option', {}, 'us-east-1'),
    h('option', {}, 'eu-west-1'),
  );
  const { element, body } = table('cost', ['service', 'item', 'quantity', 'cost']);
  const summary = h('p', { id: 'cost-total', class: 'summary' });
  const notes = h('ul', { class: 'notes' });
  const poll = pollWhileOpen(async () => {
    const estimate = await getJson<CostEstimate>(`cost?region=${region.value}`);
    body.replaceChildren(
      ...estimate.lines.map((l) =>
        h(
          'tr',
          {},
          h('td', {}, l.service),
          h('td', {}, l.item),
          h('td', { class: 'num' }, `${Math.round(l.quantity * 1000) / 1000} ${l.unit}`),
          h('td', { class: 'num' }, usd(l.usd)),
        ),
      ),
    );
    summary.textContent =
      `${usd(estimate.totalUsd)} for ${Math.round(estimate.windowSeconds)} s observed; ` +
      `${usd(estimate.monthlyUsd)} a month at this rate (${estimate.region}, prices of ${estimate.priceDate})`;
    notes.replaceChildren(...estimate.notes.map((n) => h('li', {}, n)));
  }, 2000);
  region.addEventListener('change', () => poll.update());
  return {
    root: h('section', {}, h('h2', {}, 'What it would cost on AWS'), region, summary, element, notes),
    update: () => poll.update(),
    dispose: () => poll.dispose(),
  };
}
