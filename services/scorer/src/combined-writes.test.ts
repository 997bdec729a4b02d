import { describe, expect, it } from 'vitest';
import type { SaveOutcome, ScoredForStorage } from '@rapport/store';
import { CombinedWrites } from './combined-writes.js';

/** Items are told apart by interactionId only: the writer under test never looks inside. */
const items = (...ids: string[]) =>
  ids.map((id) => ({ scored: { interactionId: id } }) as unknown as ScoredForStorage);
const ids = (list: readonly ScoredForStorage[]) => list.map((i) => i.scored.interactionId);
/** Observed from the start, so a rejection before the test looks at it is not "unhandled". */
const settled = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/** A store that records each write and completes it when told. */
function fakeStore(outcome: (id: string) => SaveOutcome | Error = () => 'inserted') {
  const writes: string[][] = [];
  const pending: (() => void)[] = [];
  const saveEach = (list: readonly ScoredForStorage[]) => {
    writes.push(ids(list));
    return new Promise<SaveOutcome[]>((resolve, reject) =>
      pending.push(() => {
        const outcomes = ids(list).map(outcome);
        const err = outcomes.find((o) => o instanceof Error);
        if (err) reject(err);
        else resolve(outcomes as SaveOutcome[]);
      }),
    );
  };
  const completeNext = async () => {
    await new Promise((r) => setImmediate(r));
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { writes, saveEach, completeNext };
}

describe('combined store writes', () => {
  it('writes at once when nothing is in flight, and joins the writes asked for meanwhile', async () => {
    const store = fakeStore((id) => (id.startsWith('dup') ? 'unchanged' : 'inserted'));
    const writes = new CombinedWrites(store.saveEach);
    const first = writes.save(items('a1', 'a2'));
    const second = writes.save(items('b1', 'dup-b2'));
    const third = writes.save(items('c1'));
    expect(store.writes).toEqual([['a1', 'a2']]);
    await store.completeNext();
    expect(await first).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(store.writes).toEqual([
      ['a1', 'a2'],
      ['b1', 'dup-b2', 'c1'],
    ]);
    await store.completeNext();
    expect(await second).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect(await third).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    // Idle again: the next write starts at once.
    const fourth = writes.save(items('d1'));
    expect(store.writes.at(-1)).toEqual(['d1']);
    await store.completeNext();
    expect(await fourth).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('fails only the batch holding a document the store rejects for good', async () => {
    const store = fakeStore((id) => (id === 'bad' ? new Error('document too large') : 'inserted'));
    const writes = new CombinedWrites(store.saveEach);
    const first = settled(writes.save(items('a1')));
    const second = settled(writes.save(items('b1', 'bad')));
    const third = settled(writes.save(items('c1')));
    await store.completeNext(); // a1
    await store.completeNext(); // b1, bad, c1 together: rejected
    await store.completeNext(); // b1, bad alone: rejected
    await store.completeNext(); // c1 alone
    expect(await first).toEqual({ value: { inserted: 1, updated: 0, unchanged: 0 } });
    expect(await second).toEqual({ error: new Error('document too large') });
    expect(await third).toEqual({ value: { inserted: 1, updated: 0, unchanged: 0 } });
    expect(store.writes).toEqual([['a1'], ['b1', 'bad', 'c1'], ['b1', 'bad'], ['c1']]);
  });

  it('fails every joined batch at once when the store is unreachable, to be retried', async () => {
    const down = Object.assign(new Error('connection refused'), { name: 'MongoNetworkError' });
    const store = fakeStore(() => down);
    const writes = new CombinedWrites(store.saveEach);
    const all = [items('a1'), items('b1'), items('c1')].map((list) => settled(writes.save(list)));
    await store.completeNext();
    await store.completeNext();
    for (const result of await Promise.all(all)) expect(result).toEqual({ error: down });
    expect(store.writes).toEqual([['a1'], ['b1', 'c1']]);
  });
});
