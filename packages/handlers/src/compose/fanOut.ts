import { resolveConnectionsEndpoint } from '../adapters/endpoint.js';
import { signedPostToConnection } from '../adapters/signed-calls.js';
import { createSignedHttp, credentialsFromEnv } from '../adapters/signed-http.js';
import { createTaskHandler } from '../adapters/task-handler.js';
import { ConfigError } from '../errors.js';
import { type Env, readFanOutPostAttempts, readFanOutWorkerConcurrency } from '../config.js';
import { createStoreFromEnv } from '../deps/store.js';
import { once } from '../deps/util.js';
import { createLogger, type Logger } from '../log.js';
import { postSlice } from '../tasks/post-slice.js';
import type { FanOutSliceInput, FanOutSliceOutput } from '../workflow/fan-out-workflow.js';

/**
 * The fan-out workflow's task `PostSlice`: one shard of a room's broadcast. Posts go through the
 * SDK's signer over a keep-alive agent, not the SDK client (measured cheaper per post; see
 * docs/fan-out.md), with the SDK's error names, so Gone, throttle and fault handling are the same.
 */
export function createFanOutFunction(env: Env, logger: Logger = createLogger()) {
  // Bound at the first call, once per environment: clients are built then, not at import.
  const task = once(() => {
    const concurrency = readFanOutWorkerConcurrency(env);
    const { region, credentials } = credentialsFromEnv(env);
    const send = createSignedHttp({ service: 'execute-api', region, credentials, maxSockets: concurrency });
    return postSlice({
      store: createStoreFromEnv(env),
      post: signedPostToConnection(send, connectionsEndpoint(env)),
      concurrency,
      maxAttempts: readFanOutPostAttempts(env),
    });
  });
  return createTaskHandler({
    functionName: 'fanOut',
    run: async (input: FanOutSliceInput) => {
      const { failed, ...counts } = await task()(input);
      const output: FanOutSliceOutput = { ...counts, failed: failed.length };
      const fields: Record<string, unknown> = { room: input.room, messageId: input.messageId, ...output };
      if (failed.length) fields.failures = failed.slice(0, 5);
      return { output, fields };
    },
    logger,
  });
}

function connectionsEndpoint(env: Env): string {
  const { endpoint } = resolveConnectionsEndpoint(env);
  const resolved = endpoint ?? env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI ?? env.AWS_ENDPOINT_URL;
  if (!resolved) throw new ConfigError('CONNECTIONS_ENDPOINT', 'is not set');
  return resolved;
}
