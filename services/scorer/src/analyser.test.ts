import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@rapport/scoring';
import { createAnalyser } from './analyser.js';
import type { ScoringInputs } from './scoring-inputs.js';
import { bytes, chatEvent, POLITE_REPLY, RUDE_REPLY } from './test-support/events.js';

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
  });

  it('reports its threads', () => {
    expect([inline.threads, threaded.threads]).toEqual([0, 2]);
  });
});
