/**
 * The ids of the last `capacity` chat messages seen, oldest forgotten first. A big room's
 * broadcast is delivered at least once (a retried fan-out slice, an Express execution run twice):
 * the client drops a `message` whose `id` it has just seen.
 */
export class RecentIds {
  readonly #ids = new Set<string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Records `id`; false when it was already among the recent ones (a duplicate). */
  add(id: string): boolean {
    if (this.#capacity === 0) return true;
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    // A Set iterates in insertion order: its first element is the oldest.
    if (this.#ids.size > this.#capacity) this.#ids.delete(this.#ids.values().next().value as string);
    return true;
  }
}
