/** Bounded lists: the background's recent-events ring and the panel feed cap. */

export class RingBuffer<T> {
  private items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new RangeError('capacity must be ≥ 1');
  }

  get size(): number {
    return this.items.length;
  }

  push(...values: T[]): void {
    for (const value of values) {
      if (this.items.length < this.capacity) this.items.push(value);
      else {
        this.items[this.start] = value;
        this.start = (this.start + 1) % this.capacity;
      }
    }
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  clear(): void {
    this.items = [];
    this.start = 0;
  }
}

/** A new array of `list` + `added`, keeping only the newest `cap` items. */
export function appendCapped<T>(list: readonly T[], added: readonly T[], cap: number): T[] {
  const total = list.length + added.length;
  if (total <= cap) return [...list, ...added];
  if (added.length >= cap) return added.slice(added.length - cap);
  return [...list.slice(total - cap), ...added];
}

/** Once `map` holds more than `limit` entries, drop those whose key is not in `keep()` (a cache keyed by items that come and go). */
export function pruneKeys<K>(map: Map<K, unknown>, limit: number, keep: () => Iterable<K>): void {
  if (map.size <= limit) return;
  const wanted = new Set(keep());
  for (const key of map.keys()) if (!wanted.has(key)) map.delete(key);
}
