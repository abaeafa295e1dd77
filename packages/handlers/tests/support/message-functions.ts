/**
 * The message functions as their generated entries compose them (see `entrySource` in
 * scripts/bundle.mjs), with the test's environment and logger.
 */
import { roomsClients } from '../../src/compose/rooms.js';
import { submitJobClients } from '../../src/compose/submitJob.js';
import { createMessageFunction } from '../../src/compose/message-function.js';
import type { Env } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { join } from '../../src/routes/join.js';
import { leave } from '../../src/routes/leave.js';
import { ping } from '../../src/routes/ping.js';
import { send } from '../../src/routes/send.js';
import { submitJob } from '../../src/routes/submitJob.js';

export const createPingFunction = (_env: Env, logger: Logger) =>
  createMessageFunction('ping', { ping }, {}, logger);

export const createRoomsFunction = (env: Env, logger: Logger) =>
  createMessageFunction('rooms', { join, leave, send }, roomsClients(env), logger);

export const createSubmitJobFunction = (env: Env, logger: Logger) =>
  createMessageFunction('submitJob', { submitJob }, submitJobClients(env), logger);
