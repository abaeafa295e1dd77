import { summarizeDelivery } from '../adapters/summarize-delivery.js';
import { createTaskHandler } from '../adapters/task-handler.js';
import type { Env } from '../config.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { notify } from '../tasks/notify.js';
import type { NotifyInput } from '../workflow/types.js';

/** Workflow task `Notify`: `jobCompleted` or `jobFailed` to the owner's connections. */
export function createNotifyFunction(env: Env, logger: Logger = createLogger()) {
  const store = once(() => createStoreFromEnv(env));
  const notifierFor = createNotifierFor(env, store);
  // Bound at the first call, once per environment: clients are built then, not at import.
  const task = once(() => notify({ store: store(), notifier: notifierFor() }));
  return createTaskHandler({
    functionName: 'notify',
    run: async (input: NotifyInput) => {
      const { report, recorded, ...output } = await task()(input);
      const fields: Record<string, unknown> = { status: output.status, delivery: summarizeDelivery(report) };
      if (output.alreadyNotified) fields.alreadyNotified = true;
      // Not recorded: a later repeat of this step would post again.
      if (!recorded) fields.notifiedUnrecorded = true;
      return { output, fields };
    },
    logger,
  });
}
