#!/usr/bin/env node
// Committed entry for the `switchboard-load` bin, so installs can link it before `dist/` is built.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('switchboard-load: not built yet; run `pnpm --filter @switchboard/loadgen build`.\n');
  process.exit(1);
}
await import(cli.href);
