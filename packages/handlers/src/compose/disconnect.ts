import { createDisconnectHandler } from '../adapters/lifecycle-handlers.js';
import type { Env } from '../config.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { disconnect } from '../routes/connection.js';

/** `$disconnect`: removes the connection and its memberships. */
export function createDisconnectFunction(env: Env, logger: Logger = createLogger()) {
  // Bound at the first call, once per environment: the client is built then, not at import.
  const route = once(() => disconnect({ store: createStoreFromEnv(env) }));
  return createDisconnectHandler({ disconnect: (ctx) => route()(ctx), logger });
}
