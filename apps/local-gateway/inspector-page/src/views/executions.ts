import { getJson } from '../api.js';
import { h } from '../dom.js';
import type { ExecutionView, View } from '../types.js';
import { pollWhileOpen } from './polled.js';

/** `#/executions`: Step Functions executions with their state history, input and output. */
export function executionsView(): View {
  const list = h('div', { id: 'executions' });
  const poll = pollWhileOpen(async () => {
    const executions = await getJson<ExecutionView[]>('executions');
    if (executions.length === 0) list.replaceChildren(h('p', {}, 'No executions yet'));
    else
      list.replaceChildren(
        ...executions.map((e) =>
          h(
            'details',
            { 'data-status': e.status },
            h('summary', {}, `${e.name} · ${e.status} · ${e.startDate}`),
            h('p', {}, 'Input'),
            h('pre', {}, e.input ?? '-'),
            h('p', {}, e.error ? `Error ${e.error}` : 'Output'),
            h('pre', {}, e.error ? (e.cause ?? '') : (e.output ?? '-')),
            h(
              'ol',
              { class: 'history' },
              ...e.history.map((ev) => h('li', {}, `${ev.type}${ev.name ? ` ${ev.name}` : ''}`)),
            ),
          ),
        ),
      );
  }, 2000);
  return {
    root: h('section', {}, h('h2', {}, 'Step Functions'), list),
    update: () => poll.update(),
    dispose: () => poll.dispose(),
  };
}
