import { act, getJson } from '../api.js';
import { h, json, table, time } from '../dom.js';
import type { InvocationDetail, View } from '../types.js';

/** `#/invocations`: every function run, newest first. */
export function invocationsView(): View {
  const { element, body } = table('invocations', [
    'route',
    'function',
    'request id',
    'connection',
    'start',
    'ms',
    'status',
  ]);
  return {
    root: h('section', {}, h('h2', {}, 'Invocations'), element),
    update(snapshot) {
      body.replaceChildren(
        ...snapshot.invocations.map((i) =>
          h(
            'tr',
            { 'data-route': i.route, 'data-connection-id': i.connectionId, 'data-status': i.status },
            h('td', {}, h('a', { href: `#/invocations/${encodeURIComponent(i.id)}` }, i.route)),
            h('td', {}, i.functionName),
            h('td', {}, h('code', {}, i.requestId)),
            h('td', {}, h('code', {}, i.connectionId ?? '-')),
            h('td', {}, time(i.startedAt)),
            h('td', { class: 'num' }, i.durationMs),
            h('td', { class: `status-${i.status}` }, i.status),
          ),
        ),
      );
    },
  };
}

/** `#/invocations/<id>`: the event, the result, the function's log lines, and replay. */
export function invocationView(id: string): View {
  const detail = h('div', {}, 'Loading…');
  const status = h('p', { class: 'status', role: 'status' });
  const replay = h('button', { id: 'replay' }, 'Replay this event');
  replay.addEventListener('click', async () => {
    const response = await act('POST', `invocations/${encodeURIComponent(id)}/replay`);
    const outcome = (await response.json()) as { invocation?: { id: string; status: string } };
    status.textContent = outcome.invocation
      ? `Replayed: ${outcome.invocation.status}`
      : `Replay failed: ${response.status}`;
    if (outcome.invocation) location.hash = `#/invocations/${encodeURIComponent(outcome.invocation.id)}`;
  });
  const show = (d: InvocationDetail) =>
    detail.replaceChildren(
      h('p', {}, `${d.route} → ${d.functionName} · ${d.status} · ${d.durationMs} ms · ${time(d.startedAt)}`),
      h('h3', {}, 'Event'),
      h('pre', { id: 'event' }, json(d.event)),
      h('h3', {}, d.error ? 'Error' : 'Result'),
      h('pre', { id: 'result' }, json(d.error ?? d.result)),
      h('h3', {}, 'Log lines'),
      h('pre', { id: 'logs' }, d.logs.join('\n') || '(none)'),
    );
  getJson<InvocationDetail>(`invocations/${encodeURIComponent(id)}`).then(show, (error: Error) => {
    detail.textContent = `Not kept any more (${error.message})`;
  });
  return {
    root: h('section', {}, h('h2', {}, 'Invocation'), replay, status, detail),
    update() {},
  };
}
