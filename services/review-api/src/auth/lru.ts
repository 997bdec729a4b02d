/**
 * A map of at most `capacity` entries that forgets the least recently used first (in halves:
 * two generations, as in "hashlru"). Anything keyed by what strangers send (user names,
 * addresses) lives in one of these, so a flood of distinct keys costs a fixed amount of memory
 * instead of growing until the process dies. Every operation is O(1): evicting from the front of
 * one big Map is not (V8 skips the deleted entries on each walk).
 */
export class BoundedLru<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private readonly generation: number;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2)
      throw new RangeError('capacity must be an integer of at least 2');
    this.generation = Math.floor(capacity / 2);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** The value, and counts as a use (moves it to the newer generation). */
  get(key: string): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined) return v;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.put(key, old);
    }
    return old;
  }

  /** The value without counting as a use. */
  peek(key: string): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  set(key: string, value: V): void {
    this.previous.delete(key);
    this.put(key, value);
  }

  delete(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  private put(key: string, value: V): void {
    if (!this.current.has(key) && this.current.size >= this.generation) {
      // The older half goes at once: the least recently used of all.
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
