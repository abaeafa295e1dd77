/**
 * What the build script (`scripts/build.mjs`) needs from the TypeScript sources, in one module
 * that esbuild compiles for it: the app's manifest, its validator and the format's JSON Schema.
 */
export { manifestJsonSchema, parseManifest } from '@switchboard/manifest';
export { buildAppManifest } from './app-manifest.js';
