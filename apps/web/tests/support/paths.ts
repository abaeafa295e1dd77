import { dirname, join } from 'node:path';

/** This package's folder. */
export const webDir = join(__dirname, '..', '..');
/** Where `pnpm build` writes the page. */
export const webDistDir = join(webDir, 'dist');
/** Screenshots of each step of the browser tests (gitignored). */
export const artifactsDir = join(webDir, 'test-artifacts');
/** The reference app's built manifest. */
export const referenceManifestPath = join(
  dirname(require.resolve('@switchboard/handlers/package.json')),
  'dist',
  'manifest.json',
);
