/**
 * Tokens for the local signing secret: HS256 JWTs whose `sub` is the user id, as an identity
 * provider would issue them. Any authorizer that verifies HMAC tokens against the variable the
 * manifest fills from `localSigningSecret` (the reference app's `JWT_SECRET`, verified with jose)
 * accepts them.
 */
import { createHmac } from 'node:crypto';
import { GatewayConfigError } from '../errors.js';

/** What a local token says. */
export interface LocalTokenOptions {
  /** The `sub` claim: printable ASCII without spaces, 1 to 128 characters. */
  userId: string;
  /** @default 86400 (a day: a local session should not expire mid-afternoon) */
  expiresInSeconds?: number;
  /** Seconds since the epoch. @default now */
  issuedAt?: number;
}

// The reference authorizer's rule for user ids (they end up in keys and in messages' `from`).
const USER_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** Refuses a user id no authorizer should accept, with a message for the command line. */
export function checkUserId(userId: string): void {
  if (!USER_ID_PATTERN.test(userId)) {
    throw new GatewayConfigError(
      `Invalid user id "${userId}": use 1 to 128 printable ASCII characters without spaces.`,
    );
  }
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Signs a local token.
 * @example
 * const token = signLocalToken(address.signingSecret, { userId: 'alice' });
 * await openTestClient(`${address.webSocketUrl}?token=${token}`);
 */
export function signLocalToken(secret: string, options: LocalTokenOptions): string {
  checkUserId(options.userId);
  const expiresIn = options.expiresInSeconds ?? 86_400;
  if (!Number.isInteger(expiresIn) || expiresIn < 1) {
    throw new GatewayConfigError(
      `Invalid expiresInSeconds ${expiresIn}: expected a whole number of at least 1.`,
    );
  }
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: options.userId, iat, exp: iat + expiresIn }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${base64url(signature)}`;
}
