import { createTaskHandler } from '../adapters/task-handler.js';
import type { Env } from '../config.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { getConnections } from '../tasks/get-connections.js';
import type { NotifyExecutionInput } from '../workflow/types.js';

/** Workflow task `GetConn`: the job owner's live connections. */
export function createGetConnectionsFunction(env: Env, logger: Logger = createLogger()) {
  // Bound at the first call, once per environment: the client is built then, not at import.
  const task = once(() => getConnections({ store: createStoreFromEnv(env) }));
  return createTaskHandler({
    functionName: 'getConnections',
    run: async (input: NotifyExecutionInput) => {
      const output = await task()(input);
      return { output, fields: { connections: output.connectionIds.length } };
    },
    logger,
  });
}
