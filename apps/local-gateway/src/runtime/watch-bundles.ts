import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join, relative } from 'node:path';

export interface BundleWatcher {
  close(): void;
}

export interface WatchBundlesOptions {
  /** Folder to watch, recursively: the manifest's folder (`LoadedManifest.baseDir`). */
  dir: string;
  /** Called once per burst of changes, with paths relative to `dir`, e.g. `() => runtime.reload()`. */
  onChange(changedFiles: string[]): void;
  /** Quiet time after the last change before `onChange` fires. @default 150 */
  debounceMs?: number;
}

/**
 * Watches rebuilt bundles so the gateway picks them up without dropping clients: a build writes
 * many files in a burst, so changes are collected and reported once the folder is quiet.
 *
 * One `fs.watch` per folder, not `{ recursive: true }`: on Linux, Node's recursive mode follows
 * files it has seen, and a file replaced by a rename (how builds write atomically) was heard
 * once and then never again. A folder's own watch hears every rename into it. Folders created
 * later (a new function's) are added when they appear.
 *
 * @example
 * const watcher = watchBundles({ dir: loaded.baseDir, onChange: () => runtime.reload() });
 * // ...
 * watcher.close();
 */
export function watchBundles(options: WatchBundlesOptions): BundleWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const changed = new Set<string>();
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const report = (path: string) => {
    changed.add(relative(options.dir, path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      options.onChange(files);
    }, debounceMs);
  };
  const watchFolder = (dir: string) => {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (!name) return;
        const path = join(dir, name.toString());
        if (isFolder(path)) watchFolder(path);
        report(path);
      });
    } catch {
      return; // gone before it could be watched: its parent's watch reports it
    }
    // A folder deleted mid-build must not crash the gateway: forget it; it is re-added if it returns.
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    for (const entry of safeReaddir(dir)) if (entry.isDirectory()) watchFolder(join(dir, entry.name));
  };
  watchFolder(options.dir);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
