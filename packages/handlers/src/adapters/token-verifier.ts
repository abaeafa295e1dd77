/**
 * JWT verification with jose, against an HMAC secret or a remote JWKS. The key set is created
 * once per cold start: jose caches fetched keys and refetches on an unknown `kid`.
 */
import { createRemoteJWKSet, type JWTVerifyOptions, jwtVerify } from 'jose';
import type { AuthConfig } from '../config.js';
import { ConfigError, UnauthorizedError } from '../errors.js';

/** Who a valid token names. */
export interface VerifiedIdentity {
  userId: string;
}

export type TokenVerifier = (token: string) => Promise<VerifiedIdentity>;

// User ids end up in keys (`USER#<id>`) and in messages' `from`: keep them printable and short.
const USER_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * A verifier for the configured key, or undefined when none is configured (then only guests can
 * get in, and only in `optional` mode).
 * @example
 * const verify = createTokenVerifier({ mode: 'required', secret: 's3cret' });
 * const { userId } = await verify!(token);
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier | undefined {
  if (config.secret && config.jwksUrl) {
    throw new ConfigError('JWT_SECRET', 'set either JWT_SECRET or JWKS_URL, not both');
  }
  const options: JWTVerifyOptions = {};
  if (config.issuer) options.issuer = config.issuer;
  if (config.audience) options.audience = config.audience;
  const verifyWith = (() => {
    if (config.secret) {
      const key = new TextEncoder().encode(config.secret);
      options.algorithms = ['HS256', 'HS384', 'HS512'];
      return (token: string) => jwtVerify(token, key, options);
    }
    if (config.jwksUrl) {
      const keys = createRemoteJWKSet(new URL(config.jwksUrl));
      return (token: string) => jwtVerify(token, keys, options);
    }
    return undefined;
  })();
  if (!verifyWith) return undefined;
  return async (token) => {
    let subject: string | undefined;
    try {
      subject = (await verifyWith(token)).payload.sub;
    } catch (cause) {
      // jose's error codes (ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED, ...) say why.
      const code = (cause as { code?: string }).code ?? (cause as Error).name;
      throw new UnauthorizedError(`invalid token (${code})`, { cause });
    }
    if (!subject || !USER_ID_PATTERN.test(subject)) {
      throw new UnauthorizedError('token has no usable "sub" claim');
    }
    return { userId: subject };
  };
}
