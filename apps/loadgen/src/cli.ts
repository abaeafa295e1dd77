#!/usr/bin/env node
// `switchboard-load`: the process around runCli.
import { runCli } from './cli-main.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`switchboard-load: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
