// Measures the browser bundle of @switchboard/client with its dependencies (the protocol and
// valibot): esbuild, minified, ESM, then gzip at the default level.
// Run: pnpm --filter @switchboard/client measure-bundle
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const result = await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: ['src/index.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source'],
  write: false,
});
const bytes = result.outputFiles[0].contents;
console.log('| bundle | minified bytes | min+gzip bytes |\n| --- | ---: | ---: |');
console.log(
  `| @switchboard/client (with protocol and valibot) | ${bytes.length} | ${gzipSync(bytes).length} |`,
);
