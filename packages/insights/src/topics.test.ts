import { describe, expect, it } from 'vitest';
import type { InsightRow } from './row.js';
import { topTopics, TopicsAccumulator } from './topics.js';
import { InsightsError } from './errors.js';

const row = (
  id: string,
  day: number,
  language: string,
  keyphrases: [string, number][] | null,
  flagged = false,
): InsightRow => ({
  interactionId: id,
  occurredAt: new Date(Date.UTC(2026, 2, day, 10)),
  channel: 'chat',
  language: { code: language },
  flagged,
  ...(keyphrases === null
    ? {}
    : {
        insight: {
          keyphrases: keyphrases.map(([text, count]) => ({ text, count })),
          firstResponseSec: 30,
          messages: { customer: 1, agent: 1 },
        },
      }),
});

const ROWS: InsightRow[] = [
  row('r1', 2, 'en', [
    ['late delivery', 1],
    ['package', 2],
    ['tracking', 1],
  ]),
  row(
    'r2',
    3,
    'en',
    [
      ['late delivery', 1],
      ['refund', 1],
    ],
    true,
  ),
  row('r3', 4, 'en', [
    ['delivery', 1],
    ['refund', 2],
  ]),
  row('r4', 5, 'da', [
    ['pakken', 2],
    ['levering', 1],
  ]),
  row(
    'r5',
    6,
    'da',
    [
      ['pakke', 1],
      ['pakker', 1],
    ],
    true,
  ),
  row('r6', 7, 'en', null),
  row('r7', 8, 'en', [['app', 1]]),
];

describe('topTopics', () => {
  it('ranks merged keyphrases by TF-IDF, with counts, shares, languages and examples', () => {
    // N = 6 analysed; idf(df 2) = ln(7/3) + 1, idf(df 3) = ln(7/4) + 1. "late" is folded into
    // "late delivery" (all its interactions); "delivery" is not (3 interactions against 2).
    expect(topTopics(ROWS)).toEqual({
      analysed: 6,
      withoutInsight: 1,
      topics: [
        {
          key: 'pak',
          label: 'pakke',
          variants: ['pakken', 'pakker'],
          count: 2,
          share: 0.3333,
          score: 3.695,
          languages: ['da'],
          examples: [
            { interactionId: 'r5', occurredAt: '2026-03-06T10:00:00.000Z', flagged: true },
            { interactionId: 'r4', occurredAt: '2026-03-05T10:00:00.000Z', flagged: false },
          ],
        },
        {
          key: 'refund',
          label: 'refund',
          variants: [],
          count: 2,
          share: 0.3333,
          score: 3.695,
          languages: ['en'],
          examples: [
            { interactionId: 'r2', occurredAt: '2026-03-03T10:00:00.000Z', flagged: true },
            { interactionId: 'r3', occurredAt: '2026-03-04T10:00:00.000Z', flagged: false },
          ],
        },
        {
          key: 'deliveri',
          label: 'delivery',
          variants: [],
          count: 3,
          share: 0.5,
          score: 3.119,
          languages: ['en'],
          examples: [
            { interactionId: 'r2', occurredAt: '2026-03-03T10:00:00.000Z', flagged: true },
            { interactionId: 'r3', occurredAt: '2026-03-04T10:00:00.000Z', flagged: false },
            { interactionId: 'r1', occurredAt: '2026-03-02T10:00:00.000Z', flagged: false },
          ],
        },
        {
          key: 'late deliveri',
          label: 'late delivery',
          variants: [],
          count: 2,
          share: 0.3333,
          score: 2.771,
          languages: ['en'],
          examples: [
            { interactionId: 'r2', occurredAt: '2026-03-03T10:00:00.000Z', flagged: true },
            { interactionId: 'r1', occurredAt: '2026-03-02T10:00:00.000Z', flagged: false },
          ],
        },
      ],
    });
  });

  it('filters by language, limits topics and examples, and ignores row order', () => {
    const da = topTopics(ROWS, { language: 'da' });
    expect(da.analysed).toBe(2);
    expect(da.topics.map((t) => [t.label, t.count, t.share, t.score])).toEqual([['pakke', 2, 1, 2]]);
    const limited = topTopics([...ROWS].reverse(), { limit: 2, examples: 1 });
    expect(limited.topics.map((t) => [t.label, t.examples.map((e) => e.interactionId)])).toEqual([
      ['pakke', ['r5']],
      ['refund', ['r2']],
    ]);
    expect(topTopics([...ROWS].reverse())).toEqual(topTopics(ROWS));
  });

  it('keeps a one-interaction phrase only when asked (minCount 1)', () => {
    const labels = topTopics(ROWS, { minCount: 1, limit: 50 }).topics.map((t) => t.label);
    expect(labels).toContain('app');
    expect(labels).toContain('tracking');
    expect(topTopics(ROWS).topics.map((t) => t.label)).not.toContain('app');
  });

  it('joins two pairs that nearly always chain into one three-word phrase', () => {
    const chained = [
      row('c1', 2, 'da', [
        ['sende pengene', 1],
        ['pengene dertil', 1],
      ]),
      row('c2', 3, 'da', [
        ['sende pengene', 1],
        ['pengene dertil', 1],
      ]),
      row('c3', 4, 'da', [['sende pengene', 1]]),
    ];
    // N = 3, df 3: idf = ln(4/4) + 1 = 1, three interactions of salience 1. The words alone are
    // folded into the pairs, and "pengene dertil" (2 of 2 in the chain) into the phrase.
    expect(topTopics(chained).topics).toEqual([
      {
        key: 'send peng dertil',
        label: 'sende pengene dertil',
        variants: ['sende pengene'],
        count: 3,
        share: 1,
        score: 3,
        languages: ['da'],
        examples: [
          { interactionId: 'c3', occurredAt: '2026-03-04T10:00:00.000Z', flagged: false },
          { interactionId: 'c2', occurredAt: '2026-03-03T10:00:00.000Z', flagged: false },
          { interactionId: 'c1', occurredAt: '2026-03-02T10:00:00.000Z', flagged: false },
        ],
      },
    ]);
  });

  it('streams through the accumulator to the same result', () => {
    const acc = new TopicsAccumulator();
    for (const r of ROWS) acc.add(r);
    expect(acc.result()).toEqual(topTopics(ROWS));
  });

  it('rejects nonsense options with a coded error', () => {
    expect(() => topTopics(ROWS, { limit: 0 })).toThrow(InsightsError);
    expect(() => topTopics(ROWS, { subsumeShare: 2 })).toThrow(/subsumeShare/);
  });

  it('reports an empty period as no topics', () => {
    expect(topTopics([])).toEqual({ analysed: 0, withoutInsight: 0, topics: [] });
  });
});
