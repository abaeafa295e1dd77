import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ManifestError } from './errors.js';
import type { Manifest } from './format.js';
import { parseManifest } from './parse.js';

/** A manifest read from disk, with the folder its `handler` paths are relative to. */
export interface LoadedManifest {
  manifest: Manifest;
  /** Absolute path of the manifest's folder. */
  baseDir: string;
  path: string;
}

/**
 * Reads, parses and validates a manifest file.
 * @throws {ManifestError} naming the file when it is missing, not JSON, or invalid.
 * @example
 * const { manifest, baseDir } = loadManifest('packages/handlers/dist/manifest.json');
 */
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
  try {
    return { manifest: parseManifest(json), baseDir: dirname(absolute), path: absolute };
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    throw new ManifestError(`Invalid manifest ${absolute}`, error.issues, { cause: error });
  }
}
