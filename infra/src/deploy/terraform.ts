import { spawn } from 'node:child_process';
import { TerraformCommandError, TerraformNotFoundError } from '../errors.js';

/** How much of Terraform's stderr an error keeps: its error block, not a whole crash log. */
const STDERR_TAIL_BYTES = 16 * 1024;

export interface RunTerraformOptions {
  /** The stack folder, `cdktf.out/stacks/<stack>`. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where Terraform's stderr is forwarded as it arrives (it is also kept for the error). */
  stderr: NodeJS.WritableStream;
}

/** Drops terminal colour codes, so an error message reads the same in a log file. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts every colour code
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Runs `terraform <args>` in the stack folder. Standard input and output are the terminal's, so
 * `apply` can ask for approval; stderr is forwarded and its tail kept. Resolves on exit 0; rejects
 * with `TerraformCommandError` (Terraform's message included) otherwise, or with
 * `TerraformNotFoundError` when there is no `terraform` on PATH.
 */
export function runTerraform(args: readonly string[], options: RunTerraformOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    // The lookup uses options.env's PATH, which is what tests put a fake terraform first on.
    const child = spawn('terraform', [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['inherit', 'inherit', 'pipe'],
    });
    let tail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      options.stderr.write(chunk);
      tail = (tail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new TerraformNotFoundError({ cause: error }) : error);
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new TerraformCommandError(args, options.cwd, code, stripAnsi(tail)));
    });
  });
}
