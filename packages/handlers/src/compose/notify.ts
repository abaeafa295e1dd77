import { summarize } from '../adapters/message-handler.js';
import { createTaskHandler } from '../adapters/task-handler.js';
import type { Env } from '../config.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { notify } from '../routes/jobs.js';
import type { NotifyInput } from '../workflow/types.js';

/** Workflow task `Notify`: `jobCompleted` or `jobFailed` to the owner's connections. */
export function createNotifyFunction(env: Env, logger: Logger = createLogger()) {
  const store = once(() => createStoreFromEnv(env));
  const notifierFor = createNotifierFor(env, store);
  return createTaskHandler({
    functionName: 'notify',
    run: async (input: NotifyInput) => {
      const { report, recorded, ...output } = await notify({ store: store(), notifier: notifierFor() })(
        input,
      );
      const fields: Record<string, unknown> = { status: output.status, delivery: summarize(report) };
      if (output.alreadyNotified) fields.alreadyNotified = true;
      // Not recorded: a later repeat of this step would post again.
      if (!recorded) fields.notifiedUnrecorded = true;
      return { output, fields };
    },
    logger,
  });
}
