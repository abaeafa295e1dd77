import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Manifest, manifestSchema } from './format.js';

/** A manifest that failed validation; `issues` name each offending path. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(
    message: string,
    readonly issues: string[] = [],
    options?: ErrorOptions,
  ) {
    super(issues.length ? `${message}\n  ${issues.join('\n  ')}` : message, options);
  }
}

/** Validates a parsed manifest and checks its cross-references. */
export function parseManifest(value: unknown): Manifest {
  const result = manifestSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ManifestError('Invalid manifest', issues);
  }
  const manifest = result.data;
  const problems: string[] = [];
  const authorizer = manifest.authorizer?.function;
  if (authorizer && !manifest.functions[authorizer]) {
    problems.push(`authorizer.function: no function named "${authorizer}"`);
  }
  const seen = new Map<string, string>();
  for (const [name, spec] of Object.entries(manifest.functions)) {
    for (const route of spec.routes ?? []) {
      const other = seen.get(route);
      if (other) problems.push(`functions.${name}.routes: "${route}" is already served by "${other}"`);
      seen.set(route, name);
    }
  }
  if (problems.length) throw new ManifestError('Invalid manifest', problems);
  return manifest;
}

/** A manifest read from disk, with the folder its `handler` paths are relative to. */
export interface LoadedManifest {
  manifest: Manifest;
  /** Absolute path of the manifest's folder. */
  baseDir: string;
  path: string;
}

export function loadManifest(path: string): LoadedManifest {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    throw new ManifestError(`Cannot read manifest ${absolute}`, [], { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ManifestError(`Manifest ${absolute} is not JSON: ${(cause as Error).message}`, [], { cause });
  }
  return { manifest: parseManifest(json), baseDir: dirname(absolute), path: absolute };
}

/** Splits a Lambda-style handler into the module file (relative, no extension) and export. */
export function splitHandler(handler: string): { modulePath: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return { modulePath: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
