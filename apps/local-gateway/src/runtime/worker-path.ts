import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerBootstrapMissingError } from './errors.js';

const BOOTSTRAP_FILE = 'worker-bootstrap.mjs';

/**
 * Absolute path of the worker bootstrap. It sits next to this module: in `src/runtime/` under
 * jest (swc turns `import.meta.dirname` into `__dirname`) and in `dist/runtime/` once the build
 * has copied it; a `dist/` build that did not copy it falls back to the source file.
 */
export function resolveWorkerBootstrap(): string {
  const here = import.meta.dirname;
  const candidates = [join(here, BOOTSTRAP_FILE), join(here, '..', '..', 'src', 'runtime', BOOTSTRAP_FILE)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new WorkerBootstrapMissingError(candidates);
  return found;
}
