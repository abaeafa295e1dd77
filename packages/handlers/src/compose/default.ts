import { isTwoWay } from '../app-functions.js';
import { createMessageHandler } from '../adapters/message-handler.js';
import type { Env } from '../config.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';

/** `$default`: no routes, so the adapter answers every message with the protocol's error. */
export function createDefaultFunction(env: Env, logger: Logger = createLogger()) {
  const notifierFor = createNotifierFor(
    env,
    once(() => createStoreFromEnv(env)),
  );
  return createMessageHandler({
    functionName: 'default',
    routes: {},
    twoWay: isTwoWay('default'),
    notifierFor: (event) => notifierFor(event.requestContext),
    logger,
  });
}
