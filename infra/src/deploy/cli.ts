// `pnpm --filter @switchboard/infra run deploy dev` (and diff, destroy, bootstrap): the package
// scripts run this file, compiled to dist/src/deploy/cli.js, with the command and environment.
import { runDeployCli } from './deploy-command.js';

process.exitCode = await runDeployCli({
  argv: process.argv.slice(2),
  env: process.env,
  infraDir: import.meta.dirname.replace(/[/\\]dist[/\\]src[/\\]deploy$/, ''),
  stdout: process.stdout,
  stderr: process.stderr,
});
