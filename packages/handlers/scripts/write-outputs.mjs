/**
 * Writes build outputs so that a reader (the local gateway, a worker importing a bundle) never
 * sees a missing or half-written file: each file is written beside its target under a dot-name,
 * then renamed over it (rename is atomic on one file system). Within a function's folder, chunks
 * and source maps go first and the entry last, so an entry never names a chunk not yet there.
 * Files that did not change are not written at all, so a watcher sees only real changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let sequence = 0;

/**
 * Writes `contents` to `path` through a temporary dot-file in the same folder, then renames it.
 * Watchers of the folder ignore dot-files (the gateway does).
 */
export async function writeFileAtomic(path, contents) {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${sequence++}.tmp`);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

const digest = (contents) => createHash('sha256').update(contents).digest('hex');

/** Entries last: `index.mjs` imports its chunks, so they must exist before it is replaced. */
const writeOrder = (path) => (/[\\/]index\.mjs$/.test(path) ? 1 : 0);

/**
 * Remembers what is on disk, so that unchanged outputs are skipped. The first time a path is
 * seen its current file (if any) is read, so a watch build started over an up-to-date `dist/`
 * writes nothing and a running gateway reloads nothing.
 */
export function createOutputWriter() {
  /** @type {Map<string, string>} path -> sha256 of what is there */
  const written = new Map();
  const isUnchanged = (path, hash) => {
    if (!written.has(path) && existsSync(path)) written.set(path, digest(readFileSync(path)));
    return written.get(path) === hash;
  };
  return {
    /**
     * @param {Array<{ path: string, contents: Uint8Array | string }>} files
     * @returns {Promise<string[]>} the paths actually written
     */
    async write(files) {
      const changed = [];
      for (const file of [...files].sort((a, b) => writeOrder(a.path) - writeOrder(b.path))) {
        const hash = digest(file.contents);
        if (isUnchanged(file.path, hash)) continue;
        await writeFileAtomic(file.path, file.contents);
        written.set(file.path, hash);
        changed.push(file.path);
      }
      return changed;
    },
    forget(path) {
      written.delete(path);
    },
  };
}

/**
 * Files under `dir` that are not in `keep` (absolute paths): what an earlier build left behind,
 * such as chunks whose hash changed. Dot-files (temporaries of a concurrent writer) are left.
 */
export async function staleFiles(dir, keep) {
  if (!existsSync(dir)) return [];
  const stale = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !entry.name.startsWith('.') && !keep.has(path)) stale.push(path);
  }
  return stale;
}
