import { type FSWatcher, watch } from 'node:fs';

export interface BundleWatcher {
  close(): void;
}

export interface WatchBundlesOptions {
  /** Folder to watch, recursively: the manifest's folder (`LoadedManifest.baseDir`). */
  dir: string;
  /** Called once per burst of changes, e.g. `() => runtime.reload()`. */
  onChange(changedFiles: string[]): void;
  /** Quiet time after the last change before `onChange` fires. @default 150 */
  debounceMs?: number;
}

/**
 * Watches rebuilt bundles so the gateway picks them up without dropping clients: a build writes
 * many files in a burst, so changes are collected and reported once the folder is quiet.
 *
 * @example
 * const watcher = watchBundles({ dir: loaded.baseDir, onChange: () => runtime.reload() });
 * // ...
 * watcher.close();
 */
export function watchBundles(options: WatchBundlesOptions): BundleWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(options.dir, { recursive: true }, (_event, file) => {
    if (file) changed.add(file.toString());
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      options.onChange(files);
    }, debounceMs);
  });
  // A watcher error (folder deleted mid-build) must not crash the gateway; reload on next start.
  watcher.on('error', () => watcher.close());
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
