/**
 * REQUEST authorizer event in, IAM policy out. The policy allows exactly the `methodArn` it was
 * asked about; the context carries `userId` to `$connect` and every later event.
 */
import type { Identity } from '../routes/authorize.js';
import type { AuthorizerEvent, AuthorizerResult } from './events.js';

/**
 * The token from `?token=` (browsers cannot set headers on a WebSocket upgrade) or from an
 * `Authorization: Bearer …` header; an empty value counts as absent.
 */
export function tokenOf(event: AuthorizerEvent): string | undefined {
  const fromQuery = event.queryStringParameters?.token;
  if (fromQuery) return fromQuery;
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization');
  const value = header?.[1]?.trim();
  if (!value) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(value);
  return bearer ? bearer[1] : value;
}

/** An Allow policy for `methodArn` with the identity as context. */
export function allowPolicy(methodArn: string, identity: Identity): AuthorizerResult {
  return {
    principalId: identity.userId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn }],
    },
    context: { userId: identity.userId, guest: identity.guest },
  };
}
