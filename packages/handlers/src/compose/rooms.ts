import { isTwoWay } from '../app-functions.js';
import { createMessageHandler } from '../adapters/message-handler.js';
import type { Env } from '../config.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { newId, once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { join, leave, send } from '../routes/rooms.js';

/** `rooms`: join, leave and send, sharing one store and one notifier per stage. */
export function createRoomsFunction(env: Env, logger: Logger = createLogger()) {
  const store = once(() => createStoreFromEnv(env));
  const notifierFor = createNotifierFor(env, store);
  return createMessageHandler({
    functionName: 'rooms',
    routes: {
      join: (ctx) => join({ store: store() })(ctx),
      leave: (ctx) => leave({ store: store() })(ctx),
      send: (ctx) => send({ store: store(), newId })(ctx),
    },
    twoWay: isTwoWay('rooms'),
    notifierFor: (event) => notifierFor(event.requestContext),
    logger,
  });
}
