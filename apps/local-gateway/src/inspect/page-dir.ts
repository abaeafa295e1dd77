import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built inspector page: `dist/inspector/` beside this module once built (`dist/inspect/`),
 * or the package's `dist/inspector/` when running from `src/` (tests).
 */
export function resolveInspectorPageDir(): string | undefined {
  const here = import.meta.dirname;
  const candidates = [join(here, '..', 'inspector'), join(here, '..', '..', 'dist', 'inspector')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
