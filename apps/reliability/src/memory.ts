import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Runs a full garbage collection. Memory figures are only comparable after one: without it a
 * burst of refused requests looks like growth until V8 gets round to collecting it.
 */
export function collectGarbage(): void {
  if (!collect) {
    // Jest does not pass --expose-gc; the flag can still be set at run time for new contexts.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/** Memory the process still holds after a full collection, in bytes. */
export function retainedMemory(): { heapUsed: number; arrayBuffers: number; rss: number } {
  collectGarbage();
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, arrayBuffers: usage.arrayBuffers, rss: usage.rss };
}
