/**
 * The demo page's entry point: reads where to connect, creates one client, and wires the
 * connection indicator, the rooms and the jobs sections of index.html to it.
 */
import { createClient } from '@switchboard/client';
import { mountConnectionView } from './connection-view.js';
import { resolvePageConfig } from './config.js';
import { byId, showError } from './dom.js';
import { mountJobsView } from './jobs-view.js';
import { mountRoomsView } from './rooms-view.js';

// Replaced by the build with SWITCHBOARD_WS_URL (empty when unset).
declare const __SWITCHBOARD_WS_URL__: string;

function start(): void {
  const endpoint = byId('endpoint', HTMLElement);
  let config: ReturnType<typeof resolvePageConfig>;
  try {
    config = resolvePageConfig(window.location, __SWITCHBOARD_WS_URL__);
  } catch (error) {
    const root = byId('connection', HTMLElement);
    root.dataset.status = 'closed';
    byId('connection-text', HTMLElement).textContent = 'Not connected';
    showError(byId('config-error', HTMLElement), (error as Error).message);
    return;
  }
  endpoint.textContent = config.webSocketUrl;
  const client = createClient({ url: config.webSocketUrl, ...(config.token ? { token: config.token } : {}) });
  mountConnectionView(client, {
    root: byId('connection', HTMLElement),
    text: byId('connection-text', HTMLElement),
    countdown: byId('connection-countdown', HTMLElement),
  });
  mountRoomsView(client);
  mountJobsView(client);
  // Leave politely when the tab goes, so the server runs $disconnect at once.
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted) client.close();
  });
}

start();
