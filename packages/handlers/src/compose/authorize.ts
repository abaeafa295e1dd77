import { createAuthorizerHandler } from '../adapters/lifecycle-handlers.js';
import type { Env } from '../config.js';
import { createAuthorizeDeps } from '../deps/auth.js';
import { createLogger, type Logger } from '../log.js';
import { authorize } from '../routes/authorize.js';

/** The `authorize` function: jose verifier + decision + IAM policy. */
export function createAuthorizeFunction(env: Env, logger: Logger = createLogger()) {
  return createAuthorizerHandler({ authorize: authorize(createAuthorizeDeps(env)), logger });
}
