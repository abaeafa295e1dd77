/**
 * The inspector page: one snapshot stream from the gateway, one view per URL hash, so the
 * back button goes back through what was looked at.
 */
import { openStream } from './api.js';
import type { Snapshot, View } from './types.js';
import { connectionsView, connectionView } from './views/connections.js';
import { costView } from './views/cost.js';
import { executionsView } from './views/executions.js';
import { invocationsView, invocationView } from './views/invocations.js';
import { metricsView } from './views/metrics.js';
import { settingsView } from './views/settings.js';
import { tablesView } from './views/tables.js';

const routes: Array<[RegExp, (id: string) => View]> = [
  [/^#\/connections\/(.+)$/, (id) => connectionView(id)],
  [/^#\/connections$/, () => connectionsView()],
  [/^#\/invocations\/(.+)$/, (id) => invocationView(id)],
  [/^#\/invocations$/, () => invocationsView()],
  [/^#\/tables$/, () => tablesView()],
  [/^#\/executions$/, () => executionsView()],
  [/^#\/metrics$/, () => metricsView()],
  [/^#\/cost$/, () => costView()],
  [/^#\/settings$/, () => settingsView()],
];

const main = document.getElementById('view')!;
const live = document.getElementById('live')!;
let latest: Snapshot | undefined;
let current: View | undefined;

function route(): void {
  const hash = location.hash || '#/connections';
  current?.dispose?.();
  const match = routes.map(([pattern, make]) => [pattern.exec(hash), make] as const).find(([m]) => m);
  current = match ? match[1](decodeURIComponent(match[0]![1] ?? '')) : connectionsView();
  main.replaceChildren(current.root);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const section = link.getAttribute('href') ?? '';
    if (hash.startsWith(section)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (latest) current.update(latest);
}

window.addEventListener('hashchange', route);
route();

const source = openStream((data) => {
  latest = JSON.parse(data) as Snapshot;
  live.dataset.state = 'live';
  live.textContent = 'live';
  current?.update(latest);
});
source.addEventListener('error', () => {
  live.dataset.state = 'reconnecting';
  live.textContent = 'reconnecting…';
});
