import { createTaskHandler } from '../adapters/task-handler.js';
import type { Env } from '../config.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { getConnections } from '../routes/jobs.js';
import type { NotifyExecutionInput } from '../workflow/types.js';

/** Workflow task `GetConn`: the job owner's live connections. */
export function createGetConnectionsFunction(env: Env, logger: Logger = createLogger()) {
  const store = once(() => createStoreFromEnv(env));
  return createTaskHandler({
    functionName: 'getConnections',
    run: async (input: NotifyExecutionInput) => {
      const output = await getConnections({ store: store() })(input);
      return { output, fields: { connections: output.connectionIds.length } };
    },
    logger,
  });
}
