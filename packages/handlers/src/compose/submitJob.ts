import type { Env } from '../config.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { newId, once } from '../deps/util.js';
import { createStartNotifyWorkflow } from '../deps/workflow.js';
import type { SubmitJobDeps } from '../routes/submitJob.js';
import type { MessageFunctionClients } from './message-function.js';

/** The clients of `submitJob`: the store, the notifier and the notify workflow's starter. */
export function submitJobClients(env: Env): MessageFunctionClients<SubmitJobDeps> {
  const store = once(() => createStoreFromEnv(env));
  return {
    deps: () => ({ store: store(), startWorkflow: createStartNotifyWorkflow(env), newJobId: newId }),
    notifierFor: createNotifierFor(env, store),
  };
}
