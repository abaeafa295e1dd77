import { isTwoWay } from '../app-functions.js';
import { createMessageHandler } from '../adapters/message-handler.js';
import type { Env } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { ping } from '../routes/ping.js';

/** `ping`: two-way, so it needs no client at all. */
export function createPingFunction(_env: Env, logger: Logger = createLogger()) {
  return createMessageHandler({
    functionName: 'ping',
    routes: { ping: ping() },
    twoWay: isTwoWay('ping'),
    notifierFor: () => {
      throw new Error('ping is a two-way route and posts nothing');
    },
    logger,
  });
}
