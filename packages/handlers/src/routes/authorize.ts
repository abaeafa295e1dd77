/**
 * The `$connect` authorizer's decision: who is connecting. A token, when presented, must be
 * valid in either mode (a bad token is never downgraded to a guest).
 */
import type { AuthMode } from '../config.js';
import { UnauthorizedError } from '../errors.js';
import type { TokenVerifier } from '../adapters/token-verifier.js';

export interface AuthorizeDeps {
  mode: AuthMode;
  /** Absent when no key is configured: every token is then refused. */
  verifyToken: TokenVerifier | undefined;
  /** A fresh guest id. */
  newGuestId: () => string;
}

export interface AuthorizeRequest {
  /** From the `token` query parameter or the `Authorization` header. */
  token: string | undefined;
}

/** Who the caller is; anything else is an `UnauthorizedError` (API Gateway: 401). */
export interface Identity {
  userId: string;
  guest: boolean;
}

/**
 * @example
 * const decide = authorize({ mode: 'optional', verifyToken, newGuestId: () => `guest-${randomUUID()}` });
 * await decide({ token: undefined }); // { userId: 'guest-…', guest: true }
 */
export const authorize =
  (deps: AuthorizeDeps) =>
  async (request: AuthorizeRequest): Promise<Identity> => {
    if (request.token === undefined) {
      if (deps.mode === 'optional') return { userId: deps.newGuestId(), guest: true };
      throw new UnauthorizedError('no token (AUTH_MODE=required)');
    }
    if (!deps.verifyToken) throw new UnauthorizedError('a token was presented but no key is configured');
    const { userId } = await deps.verifyToken(request.token);
    return { userId, guest: false };
  };
