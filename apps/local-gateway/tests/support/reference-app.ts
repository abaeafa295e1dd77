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
