import type { IncomingHttpHeaders } from 'node:http';
import type { AuthorizerSpec } from '@switchboard/manifest';
import type { InvocationResult } from '../contracts.js';
import { headerValue } from '../events/build.js';
import type { AuthorizerContext, AuthorizerResult, PolicyStatement } from '../events/types.js';

/** What the authorizer decided: the context to attach, or the HTTP status to refuse with. */
export type AuthorizerOutcome =
  | { allow: true; context: AuthorizerContext }
  | { allow: false; status: number };

/**
 * API Gateway's pre-check: every identity source must be present, not null and non-empty, or the
 * client gets 401 without the authorizer being called.
 */
export function hasIdentitySources(
  spec: AuthorizerSpec,
  headers: IncomingHttpHeaders,
  search: URLSearchParams,
): boolean {
  return spec.identitySources.every((source) => {
    const [, , kind, name = ''] = source.split('.');
    const value = kind === 'header' ? headerValue(headers, name) : search.get(name);
    return typeof value === 'string' && value.length > 0;
  });
}

// IAM wildcards: `*` any run of characters, `?` one character.
function wildcard(pattern: string, flags = ''): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, flags);
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function statementMatches(s: PolicyStatement, methodArn: string): boolean {
  // Action names are case-insensitive in IAM; resource ARNs are not.
  const actionOk = asList(s.Action).some((a) => wildcard(a, 'i').test('execute-api:Invoke'));
  const resourceOk = asList(s.Resource).some((r) => wildcard(r).test(methodArn));
  return actionOk && resourceOk;
}

/** Allow when an Allow statement matches `methodArn` and no Deny does. */
export function policyAllows(result: AuthorizerResult, methodArn: string): boolean {
  const statements = asList(result.policyDocument?.Statement);
  const matching = statements.filter((s) => statementMatches(s, methodArn));
  if (matching.some((s) => s.Effect?.toLowerCase() === 'deny')) return false;
  return matching.some((s) => s.Effect?.toLowerCase() === 'allow');
}

/**
 * Context values must be strings, numbers or booleans; API Gateway passes them on as strings.
 * Anything else fails the authorization (500, as REST APIs do; UNCONFIRMED for WebSocket).
 */
export function stringifyContext(result: AuthorizerResult): AuthorizerContext | undefined {
  const context: AuthorizerContext = { principalId: String(result.principalId ?? '') };
  for (const [key, value] of Object.entries(result.context ?? {})) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;
    context[key] = String(value);
  }
  return context;
}

/**
 * Turns the authorizer's invocation result into API Gateway's answer: `Unauthorized` -> 401,
 * Deny or a policy not matching `methodArn` -> 403, any other failure -> 500.
 */
export function decideAuthorization(result: InvocationResult, methodArn: string): AuthorizerOutcome {
  if (!result.ok) {
    return { allow: false, status: result.error.message === 'Unauthorized' ? 401 : 500 };
  }
  const value = result.value as AuthorizerResult | null | undefined;
  if (!value || typeof value !== 'object') return { allow: false, status: 500 };
  if (!policyAllows(value, methodArn)) return { allow: false, status: 403 };
  const context = stringifyContext(value);
  return context ? { allow: true, context } : { allow: false, status: 500 };
}
