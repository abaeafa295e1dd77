import { createTaskHandler } from '../adapters/task-handler.js';
import { type Env, readJobConfig } from '../config.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once, sleep } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { doWork } from '../tasks/do-work.js';
import type { NotifyExecutionInput } from '../workflow/types.js';

/**
 * Workflow task `DoWork`. Tasks have no API Gateway event: the management endpoint comes from
 * configuration only (`CONNECTIONS_ENDPOINT` or the SDK's endpoint variables).
 */
export function createDoWorkFunction(env: Env, logger: Logger = createLogger()) {
  const store = once(() => createStoreFromEnv(env));
  const notifierFor = createNotifierFor(env, store);
  const job = readJobConfig(env);
  // Bound at the first call, once per environment: clients are built then, not at import.
  const task = once(() => doWork({ store: store(), notifier: notifierFor(), job, sleep }));
  return createTaskHandler({
    functionName: 'doWork',
    run: async (input: NotifyExecutionInput) => ({ output: await task()(input) }),
    logger,
  });
}
