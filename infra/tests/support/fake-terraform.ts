/**
 * A recording stand-in for `terraform`: a shell script first on PATH that appends its working
 * folder and arguments to a log, and fails with a given message on stderr when told to.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TerraformCall {
  cwd: string;
  args: string[];
}

export interface FakeTerraform {
  /** The folder to put first on PATH. */
  binDir: string;
  /** Environment variables that point the fake at its log (and make `failOn` fail). */
  env(options?: { failOn?: string; message?: string }): Record<string, string>;
  calls(): TerraformCall[];
}

export function createFakeTerraform(dir: string): FakeTerraform {
  const binDir = join(dir, 'bin');
  const log = join(dir, 'terraform-calls.log');
  mkdirSync(binDir, { recursive: true });
  const script = join(binDir, 'terraform');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      'printf "%s\\t%s\\n" "$(pwd -P)" "$*" >> "$FAKE_TERRAFORM_LOG"',
      'if [ -n "$FAKE_TERRAFORM_FAIL_ON" ] && [ "$1" = "$FAKE_TERRAFORM_FAIL_ON" ]; then',
      '  printf "%s\\n" "$FAKE_TERRAFORM_MESSAGE" >&2',
      '  exit 1',
      'fi',
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return {
    binDir,
    env: ({ failOn, message } = {}) => ({
      FAKE_TERRAFORM_LOG: log,
      ...(failOn
        ? { FAKE_TERRAFORM_FAIL_ON: failOn, FAKE_TERRAFORM_MESSAGE: message ?? 'Error: failed' }
        : {}),
    }),
    calls: () => {
      if (!existsSync(log)) return [];
      const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
      writeFileSync(log, '');
      return lines.map((line) => {
        const [cwd, args] = line.split('\t') as [string, string];
        return { cwd, args: args.split(' ').filter(Boolean) };
      });
    },
  };
}
