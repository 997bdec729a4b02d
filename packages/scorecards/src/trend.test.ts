import type { Scorecard } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { emptyScores } from './card.js';
import { isoWeek, parsePeriod } from './keys.js';
import { weeklyTrend } from './trend.js';

describe('isoWeek', () => {
  it.each([
    ['2026-03-02', '2026-W10', '2026-03-02', '2026-03-08'], // a Monday
    ['2026-03-08', '2026-W10', '2026-03-02', '2026-03-08'], // its Sunday
    ['2026-01-01', '2026-W01', '2025-12-29', '2026-01-04'], // Thursday: week 1 of its own year
    ['2027-01-01', '2026-W53', '2026-12-28', '2027-01-03'], // Friday: last week of the year before
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'], // Monday in December: week 1 of the next year
    ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
  ])('%s is in %s (%s to %s)', (day, week, start, end) => {
    expect(isoWeek(day)).toMatchObject({ week, start, end });
  });
});

const day = (d: string, scores: number[]): Scorecard => {
  const overall = {
    n: scores.length,
    sum: scores.reduce((a, b) => a + b, 0),
    sumSq: scores.reduce((a, b) => a + b * b, 0),
  };
  return {
    schemaVersion: 1,
    tenantId: 'acme',
    agentId: 'ag-1',
    teamId: 'billing',
    day: d,
    interactions: scores.length,
    controlSample: 0,
    scores: { ...emptyScores(), overall },
    flags: {
      total: 0,
      flaggedInteractions: 0,
      bySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
      byCode: [],
    },
    reviews: { reviewed: 0, confirmed: 0, dismissed: 0 },
    updatedAt: '2026-03-20T00:00:00.000Z',
  };
};

describe('weeklyTrend', () => {
  it('gives every ISO week touching the period, empty ones included, with means and intervals', () => {
    const cards = [
      day('2026-03-02', [70, 80]),
      day('2026-03-08', [90]),
      day('2026-03-09', [60, 60, 60]),
      day('2026-02-20', [0]), // outside the period
    ];
    const trend = weeklyTrend(cards, { from: '2026-03-01', to: '2026-03-16', minInteractions: 3 });
    expect(
      trend.map((w) => [w.week, w.start, w.interactions, w.insufficient, w.scores.overall.mean]),
    ).toEqual([
      ['2026-W09', '2026-02-23', 0, true, null],
      ['2026-W10', '2026-03-02', 3, false, 80],
      ['2026-W11', '2026-03-09', 3, false, 60],
      ['2026-W12', '2026-03-16', 0, true, null],
    ]);
    // 70, 80, 90: sd 10, t(2) = 4.3027, half-width 24.84.
    expect(trend[1]!.scores.overall.ci!.low).toBeCloseTo(80 - 4.302653 * (10 / Math.sqrt(3)), 4);
    expect(trend[2]!.scores.overall.ci).toEqual({ level: 0.95, low: 60, high: 60 });
    expect(trend[1]!.scores.tone.n).toBe(0);
  });

  it('rejects a reversed or overlong period', () => {
    expect(() => weeklyTrend([], { from: '2026-03-10', to: '2026-03-01' })).toThrow(
      /ends \(2026-03-01\) before it starts/,
    );
    expect(() => parsePeriod('2025-01-01', '2026-06-01')).toThrow(/at most 400 days/);
    expect(() => parsePeriod('2026-02-30', '2026-03-01')).toThrow(/from "2026-02-30" must be a UTC date/);
  });
});
