import { randomUUID } from 'node:crypto';
import { createTokenVerifier } from '../adapters/token-verifier.js';
import { type Env, readAuthConfig } from '../config.js';
import type { AuthorizeDeps } from '../routes/authorize.js';

/** The authorizer's configuration and verifier. */
export function createAuthorizeDeps(env: Env): AuthorizeDeps {
  const config = readAuthConfig(env);
  return { mode: config.mode, verifyToken: createTokenVerifier(config), newGuestId: newGuestId };
}

/** A guest's user id. */
export const newGuestId = (): string => `guest-${randomUUID()}`;
