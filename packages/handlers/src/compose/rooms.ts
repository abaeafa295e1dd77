import type { Env } from '../config.js';
import { createSendFanOut } from '../deps/fan-out.js';
import { createNotifierFor } from '../deps/notifier.js';
import { createStoreFromEnv } from '../deps/store.js';
import { newId, once } from '../deps/util.js';
import type { JoinDeps } from '../routes/join.js';
import type { LeaveDeps } from '../routes/leave.js';
import type { SendDeps } from '../routes/send.js';
import type { MessageFunctionClients } from './message-function.js';

/**
 * The clients of `rooms` (join, leave, send): one store and one notifier per stage, and the
 * fan-out workflow's starter for big rooms.
 */
export function roomsClients(env: Env): MessageFunctionClients<JoinDeps & LeaveDeps & SendDeps> {
  const store = once(() => createStoreFromEnv(env));
  return {
    deps: () => {
      const fanOut = createSendFanOut(env);
      return { store: store(), newId, ...(fanOut ? { fanOut } : {}) };
    },
    notifierFor: createNotifierFor(env, store),
  };
}
