/**
 * A fixed-size buffer that keeps the newest `capacity` items: a long session's frames and
 * invocations never grow memory past it. Capacity 0 keeps nothing.
 */
export class RingBuffer<T> {
  readonly #items: T[] = [];
  #next = 0;

  constructor(readonly capacity: number) {}

  push(item: T): void {
    if (this.capacity === 0) return;
    if (this.#items.length < this.capacity) this.#items.push(item);
    else this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    if (this.#items.length < this.capacity) return [...this.#items];
    return [...this.#items.slice(this.#next), ...this.#items.slice(0, this.#next)];
  }

  find(predicate: (item: T) => boolean): T | undefined {
    return this.#items.find(predicate);
  }

  get size(): number {
    return this.#items.length;
  }
}
