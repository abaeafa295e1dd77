import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type LoadedManifest, loadManifest } from '@switchboard/manifest';

/** The reference app's built manifest; `pnpm test` builds it first (turbo `^build`). */
export function loadReferenceManifest(environment: Record<string, Record<string, string>>): LoadedManifest {
  const handlersDir = dirname(createRequire(__filename).resolve('@switchboard/handlers/package.json'));
  const path = join(handlersDir, 'dist', 'manifest.json');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`pnpm --filter @switchboard/handlers build\` first.`);
  }
  const loaded = loadManifest(path);
  for (const [name, extra] of Object.entries(environment)) {
    const spec = loaded.manifest.functions[name];
    if (!spec) throw new Error(`The reference manifest has no function "${name}"`);
    spec.environment = { ...spec.environment, ...extra };
  }
  return loaded;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HS256 JWT, as an identity provider would issue one to the reference app's users. */
export function signToken(secret: string, sub: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const now = Math.floor(Date.now() / 1000);
  const payload = base64url(JSON.stringify({ sub, iat: now, exp: now + 600 }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${base64url(signature)}`;
}
