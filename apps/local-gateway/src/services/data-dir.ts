import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataDirError } from './errors.js';

/**
 * Makes sure DynamoDB can keep its data under `dir`: creates the folder when missing, and
 * refuses a file, or a folder this user cannot read and write, with a {@link DataDirError} that
 * says what to do. Checked before dynalite starts: it would otherwise fail on its first write
 * with LevelDB's own message, after the gateway had printed its URLs.
 */
export function prepareDataDir(dir: string): void {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it, or a folder on its path, is a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'this user may not create it'
          : (error as Error).message;
    throw new DataDirError(dir, reason, { cause: error });
  }
  if (!statSync(path).isDirectory()) throw new DataDirError(dir, 'it is not a folder');
  try {
    accessSync(path, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataDirError(dir, 'this user may not read and write it', { cause: error });
  }
}
