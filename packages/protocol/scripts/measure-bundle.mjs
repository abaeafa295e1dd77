// Measures the browser bundle (esbuild, minified, ESM, then gzip at the default level) of:
// the protocol as shipped (src/index.ts, valibot), and the same schemas plus safeParse written
// with valibot and with zod v4 mini (scripts/bundle-probes/), which is how the library was chosen.
// Run: pnpm --filter @switchboard/protocol measure-bundle
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const entries = {
  '@switchboard/protocol (src/index.ts)': 'src/index.ts',
  'probe: valibot 1.5': 'scripts/bundle-probes/valibot.ts',
  'probe: zod 4 mini': 'scripts/bundle-probes/zod-mini.ts',
};

const packageDir = new URL('..', import.meta.url).pathname;
console.log('| bundle | minified bytes | min+gzip bytes |\n| --- | ---: | ---: |');
for (const [name, entry] of Object.entries(entries)) {
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const bytes = result.outputFiles[0].contents;
  console.log(`| ${name} | ${bytes.length} | ${gzipSync(bytes).length} |`);
}
