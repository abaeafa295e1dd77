import { signedStartExecution } from '../adapters/signed-calls.js';
import { createSignedHttp, credentialsFromEnv } from '../adapters/signed-http.js';
import { type Env, readFanOutConfig, readFanOutStateMachineArn } from '../config.js';
import type { SendFanOut } from '../routes/send.js';
import { once } from './util.js';

/**
 * `send`'s fan-out: the threshold and rate from the environment, StartExecution of the fan-out
 * state machine (`STATE_MACHINE_ARN_FAN_OUT`) at `AWS_ENDPOINT_URL_SFN` or the Region's
 * endpoint. Read at the first start, so a room below the threshold never needs them; a start
 * that fails (no ARN, no permission) is posted directly by `send` and logged with its cause.
 * Undefined when `FANOUT_THRESHOLD` is 0.
 */
export function createSendFanOut(env: Env): SendFanOut | undefined {
  const { threshold, ratePerSecond } = readFanOutConfig(env);
  if (threshold === 0) return undefined;
  const start = once(() => {
    const { region, credentials } = credentialsFromEnv(env);
    const endpoint = env.AWS_ENDPOINT_URL_SFN ?? `https://states.${region}.amazonaws.com`;
    const send = createSignedHttp({ service: 'states', region, credentials, maxSockets: 4 });
    return signedStartExecution(send, endpoint, readFanOutStateMachineArn(env));
  });
  return { threshold, ratePerSecond, start: (input, name) => start()(input, name) };
}
