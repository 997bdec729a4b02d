import { countOutcomes, isTransientStoreError, type SaveOutcome, type SaveResult } from '@rapport/store';

type SaveEach<T> = (items: readonly T[], now: Date) => Promise<SaveOutcome[]>;

interface Waiting<T> {
  items: readonly T[];
  resolve(result: SaveResult): void;
  reject(err: unknown): void;
}

/**
 * Joins the store writes of the partitions processed at once (group commit): a write starts as
 * soon as one is asked for when none is in flight; writes asked for meanwhile go together in the
 * next one. An idle scorer waits for nothing, a busy one makes one insertMany (one round trip,
 * one store transaction) of several batches, which costs a store less per document. Each caller
 * learns what happened to its own items, only once they are written.
 */
export class CombinedWrites<T> {
  private waiting: Waiting<T>[] = [];
  private writing = false;

  constructor(
    private readonly saveEach: SaveEach<T>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  save(items: readonly T[]): Promise<SaveResult> {
    if (items.length === 0) return Promise.resolve({ inserted: 0, updated: 0, unchanged: 0 });
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        await this.write(group);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(group: Waiting<T>[]): Promise<void> {
    let outcomes: SaveOutcome[];
    try {
      outcomes = await this.saveEach(
        group.flatMap((w) => w.items),
        this.now(),
      );
    } catch (err) {
      if (group.length === 1 || isTransientStoreError(err)) {
        for (const w of group) w.reject(err);
        return;
      }
      // A document the store rejects for good must fail only the batch it belongs to.
      for (const w of group) await this.write([w]);
      return;
    }
    let at = 0;
    for (const w of group) {
      w.resolve(countOutcomes(outcomes.slice(at, at + w.items.length)));
      at += w.items.length;
    }
  }
}
