/**
 * The two calls made over {@link createSignedHttp}: PostToConnection (the fan-out worker's
 * post) and Step Functions' StartExecution (`send`'s start of the fan-out, whose bundle has no
 * room for `@aws-sdk/client-sfn` under the 400 KB budget).
 */
import { WorkflowStartError } from '../errors.js';
import type { PostToConnection } from './post-errors.js';
import type { SignedHttp } from './signed-http.js';

/** PostToConnection on `endpoint` (`https://{api}.execute-api.{region}.amazonaws.com/{stage}`). */
export function signedPostToConnection(send: SignedHttp, endpoint: string): PostToConnection {
  const base = endpoint.replace(/\/+$/, '');
  return async (connectionId, data) => {
    // As the SDK builds it: the id URI-encoded once in the path (the signer encodes it again).
    await send({
      method: 'POST',
      url: new URL(`${base}/@connections/${encodeURIComponent(connectionId)}`),
      body: data,
    });
  };
}

/** StartExecution on `endpoint` (`https://states.{region}.amazonaws.com`); resolves with the ARN. */
export function signedStartExecution(
  send: SignedHttp,
  endpoint: string,
  stateMachineArn: string,
): (input: unknown, executionName: string) => Promise<string> {
  const url = new URL(endpoint);
  return async (input, name) => {
    try {
      const response = await send({
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AWSStepFunctions.StartExecution',
        },
        body: JSON.stringify({ stateMachineArn, name, input: JSON.stringify(input) }),
      });
      return (JSON.parse(response.body) as { executionArn?: string }).executionArn ?? '';
    } catch (cause) {
      const errorName = cause instanceof Error ? cause.name : 'Error';
      throw new WorkflowStartError(`StartExecution of ${stateMachineArn} failed (${errorName})`, { cause });
    }
  };
}
