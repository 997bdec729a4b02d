import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@rapport/scoring';
import { createAnalyser } from './analyser.js';
import type { Analysis } from './analysis.js';
import type { ScoringInputs } from './scoring-inputs.js';
import { bytes, chatEvent, EXHAUST_MEMORY, POLITE_REPLY, RUDE_REPLY, SPIN } from './test-support/events.js';

const inputs: ScoringInputs = {
  policy: DEFAULT_POLICY,
  mode: 'full',
  passThroughFlagRate: 0.15,
  maxEventBytes: 64 * 1024,
};
const batch = [
  bytes(chatEvent('int-1', RUDE_REPLY)),
  null,
  Buffer.from('not json'),
  bytes(chatEvent('int-2', POLITE_REPLY)),
];
/** Everything but the timestamps the engine and the store stamp when they run. */
const comparable = (analyses: Awaited<ReturnType<ReturnType<typeof createAnalyser>['analyse']>>) =>
  analyses.map((a) =>
    a.ok
      ? {
          ...a,
          value: (JSON.parse(a.value) as { flags: unknown }).flags,
          doc: { ...a.doc, scoredAt: null, storedAt: null },
        }
      : a,
  );

describe('the analyser', () => {
  const inline = createAnalyser(inputs, 0);
  const threaded = createAnalyser(inputs, 2);
  afterAll(() => Promise.all([inline.close(), threaded.close()]));

  it('gives the same analyses, in order, on scoring threads as on the main thread', async () => {
    const expected = await inline.analyse(batch);
    expect(expected.map((a) => (a.ok ? a.interactionId : a.code))).toEqual([
      'int-1',
      'INVALID_JSON',
      'INVALID_JSON',
      'int-2',
    ]);
    const [first, second] = await Promise.all([threaded.analyse(batch), threaded.analyse(batch.slice(3))]);
    expect(comparable(first)).toEqual(comparable(expected));
    expect(comparable(second)).toEqual(comparable(expected.slice(3)));
    // Dates survive the trip between threads as Dates (the store indexes them).
    expect(first[0]!.ok && first[0]!.doc.occurredAt).toBeInstanceOf(Date);
    // Two threads start and warm the engine up first: slow on a loaded machine.
  }, 120_000);

  it('reports its threads', () => {
    expect([inline.threads, threaded.threads]).toEqual([0, 2]);
  });
});

describe('an event that breaks its scoring thread', () => {
  const misbehaving = new URL(
    import.meta.url.endsWith('.ts')
      ? './test-support/misbehaving-thread.ts'
      : './test-support/misbehaving-thread.js',
    import.meta.url,
  );
  const overTime = createAnalyser(inputs, 1, {
    budget: { eventMs: 300, threadHeapMb: 512 },
    threadModule: misbehaving,
  });
  const overMemory = createAnalyser(inputs, 1, {
    budget: { eventMs: 60_000, threadHeapMb: 96 },
    threadModule: misbehaving,
  });
  afterAll(() => Promise.all([overTime.close(), overMemory.close()]));
  const around = (marker: string) => [
    bytes(chatEvent('ok-1', POLITE_REPLY)),
    bytes(chatEvent('poison', `${POLITE_REPLY} ${marker}`)),
    bytes(chatEvent('ok-2', RUDE_REPLY)),
    bytes(chatEvent('ok-3', POLITE_REPLY)),
  ];
  const outcomes = (analyses: Analysis[]) => analyses.map((a) => (a.ok ? a.interactionId : a.code));

  it('over its time budget: dead-lettered alone, with the reason; the events around it are scored', async () => {
    const analyses = await overTime.analyse(around(SPIN));
    expect(outcomes(analyses)).toEqual(['ok-1', 'SCORING_BUDGET_EXCEEDED', 'ok-2', 'ok-3']);
    expect(!analyses[1]!.ok && analyses[1]!.message).toMatch(/longer than its budget of 300 ms/);
    // The pool replaced the stopped thread: the next batch scores as usual.
    expect(outcomes(await overTime.analyse([bytes(chatEvent('ok-4', POLITE_REPLY))]))).toEqual(['ok-4']);
  }, 180_000);

  it("over its thread's heap: dead-lettered alone, with the reason; the events around it are scored", async () => {
    const analyses = await overMemory.analyse(around(EXHAUST_MEMORY));
    expect(outcomes(analyses)).toEqual(['ok-1', 'SCORING_BUDGET_EXCEEDED', 'ok-2', 'ok-3']);
    expect(!analyses[1]!.ok && analyses[1]!.message).toMatch(/more than the scoring thread's 96 MiB heap/);
    expect(outcomes(await overMemory.analyse([bytes(chatEvent('ok-4', POLITE_REPLY))]))).toEqual(['ok-4']);
  }, 180_000);
});

describe('claim bombs on a scoring thread with a capped heap', () => {
  // Regression: agent text repeating one kind of claim made the engine compare every pair of
  // claims; a 134 KB event ran a scoring thread out of memory and its batch came back forever.
  const capped = createAnalyser({ ...inputs, maxEventBytes: 1024 * 1024 }, 1, {
    budget: { eventMs: 5_000, threadHeapMb: 256 },
  });
  afterAll(() => capped.close());

  it('scores 130 KB and 250 KB of repeated claims within budget, into small scored messages', async () => {
    const bomb = (id: string, kib: number) => {
      const parts: string[] = [];
      for (let i = 0, n = 0; n < kib * 1024; i++) {
        const part = `The refund takes ${(i % 97) + 1} days. `;
        parts.push(part);
        n += part.length;
      }
      return bytes(chatEvent(id, parts.join('').slice(0, kib * 1024)));
    };
    const analyses = await capped.analyse([bomb('bomb-130', 130), bomb('bomb-250', 250)]);
    expect(analyses.map((a) => (a.ok ? a.interactionId : a.code))).toEqual(['bomb-130', 'bomb-250']);
    for (const a of analyses) {
      expect(a.ok && a.flagged).toBe(true);
      expect(a.ok && Buffer.byteLength(a.value)).toBeLessThan(64 * 1024);
    }
  }, 180_000);
});
