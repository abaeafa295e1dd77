import { createConnectHandler } from '../adapters/lifecycle-handlers.js';
import type { Env } from '../config.js';
import { newGuestId } from '../deps/auth.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { connect } from '../routes/connection.js';

/** `$connect`: records the connection under the authorizer's `userId`. */
export function createConnectFunction(env: Env, logger: Logger = createLogger()) {
  // Bound at the first call, once per environment: the client is built then, not at import.
  const route = once(() => connect({ store: createStoreFromEnv(env) }));
  // Without an authorizer on the API every caller is a guest.
  return createConnectHandler({
    connect: (ctx) => route()(ctx),
    fallbackUserId: newGuestId,
    logger,
  });
}
