/**
 * What the build script (`scripts/build.mjs`) needs from the TypeScript sources, in one module
 * that esbuild compiles for it: the manifest, its validator and its JSON Schema.
 */
import { z } from 'zod';
import { manifestSchema } from './manifest/format.js';

export { buildAppManifest, bundlePathOf } from './app-manifest.js';
export { parseManifest } from './manifest/load.js';

/** The manifest format as JSON Schema (draft 2020-12), for tools in other languages. */
export function manifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(manifestSchema) as Record<string, unknown>;
}
