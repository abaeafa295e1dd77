import type { ClientEvents, SwitchboardClient } from '../../src/index.js';

/** The next event of `type` for which `predicate` holds. */
export function nextEvent<K extends keyof ClientEvents>(
  client: SwitchboardClient,
  type: K,
  predicate: (event: ClientEvents[K]) => boolean = () => true,
): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for a ${String(type)} event`)), 5000);
    const stop = client.on(type, (event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

/** Resolves when the client's state is `open`. */
export function opened(client: SwitchboardClient): Promise<unknown> {
  return client.state.status === 'open'
    ? Promise.resolve()
    : nextEvent(client, 'state', (state) => state.status === 'open');
}
