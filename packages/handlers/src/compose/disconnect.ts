import { createDisconnectHandler } from '../adapters/lifecycle-handlers.js';
import type { Env } from '../config.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { disconnect } from '../routes/connection.js';

/** `$disconnect`: removes the connection and its memberships. */
export function createDisconnectFunction(env: Env, logger: Logger = createLogger()) {
  const store = once(() => createStoreFromEnv(env));
  return createDisconnectHandler({ disconnect: (ctx) => disconnect({ store: store() })(ctx), logger });
}
