/**
 * Remembers keys for a while: delivery ids (a replayed or retried webhook is recognised) and
 * interaction revisions already published (a vendor retry after a lost response publishes
 * nothing twice). Bounded in size; the oldest go first. Per process: across instances the store's
 * idempotency (same id and revision is a no-op) is what keeps a duplicate harmless.
 */
export class SeenCache {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  has(key: string, nowMs: number): boolean {
    const at = this.entries.get(key);
    if (at === undefined) return false;
    if (nowMs - at > this.ttlMs) {
      this.entries.delete(key);
      return false;
    }
    return true;
  }

  add(key: string, nowMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, nowMs);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
