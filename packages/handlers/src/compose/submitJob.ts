import { isTwoWay } from '../app-functions.js';
import { createMessageHandler } from '../adapters/message-handler.js';
import type { Env } from '../config.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { newId, once } from '../deps/util.js';
import { createStartNotifyWorkflow } from '../deps/workflow.js';
import { createLogger, type Logger } from '../log.js';
import { submitJob } from '../routes/submit-job.js';

/** `submitJob`: records the job and starts the notify workflow. */
export function createSubmitJobFunction(env: Env, logger: Logger = createLogger()) {
  const store = once(() => createStoreFromEnv(env));
  const notifierFor = createNotifierFor(env, store);
  const startWorkflow = once(() => createStartNotifyWorkflow(env));
  return createMessageHandler({
    functionName: 'submitJob',
    routes: {
      submitJob: (ctx) => submitJob({ store: store(), startWorkflow: startWorkflow(), newJobId: newId })(ctx),
    },
    twoWay: isTwoWay('submitJob'),
    notifierFor: (event) => notifierFor(event.requestContext),
    logger,
  });
}
