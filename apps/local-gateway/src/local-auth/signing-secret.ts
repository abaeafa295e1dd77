/**
 * The local signing secret: the HMAC key `switchboard token` signs with and functions get through
 * the manifest's `environmentFrom: { X: 'localSigningSecret' }`. Kept in `--data-dir`, so tokens
 * and the table's users survive a restart together; otherwise made per gateway, and only the
 * running gateway knows it (its token endpoint hands out tokens).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayConfigError } from '../errors.js';

/** The file in `--data-dir` that keeps the secret (beside dynalite's files, which it ignores). */
export const SIGNING_SECRET_FILE = 'switchboard-signing-secret';

/** A fresh secret: 32 random bytes, as base64url text (the authorizer uses its UTF-8 bytes). */
export function newSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The secret kept in `dataDir`, or undefined when there is none yet. */
export function readSigningSecret(dataDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, SIGNING_SECRET_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < 16) {
    throw new GatewayConfigError(
      `${join(dataDir, SIGNING_SECRET_FILE)} holds no usable signing secret: delete it to get a new one.`,
    );
  }
  return secret;
}

/**
 * The gateway's signing secret: the one kept in `dataDir` (written there on first use, readable
 * by this user only), or a new one per run without a data dir.
 */
export function resolveSigningSecret(dataDir: string | undefined): string {
  if (dataDir === undefined) return newSigningSecret();
  const kept = readSigningSecret(dataDir);
  if (kept) return kept;
  const secret = newSigningSecret();
  mkdirSync(dataDir, { recursive: true });
  // `wx`: two gateways starting on one data dir must not each write their own.
  try {
    writeFileSync(join(dataDir, SIGNING_SECRET_FILE), `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSigningSecret(dataDir) ?? secret;
    throw error;
  }
  return secret;
}
