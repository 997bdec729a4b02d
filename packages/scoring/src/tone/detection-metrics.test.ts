import { describe, expect, it } from 'vitest';
import { detectionReport, recallAtFalseAlarm, type ScoredExample } from './detection-metrics.js';

const ex = (score: number, positive: boolean, fired = false): ScoredExample => ({ score, positive, fired });

describe('recallAtFalseAlarm', () => {
  // 4 positives, 10 negatives; one negative scores above two positives.
  const examples = [
    ex(0.95, true),
    ex(0.9, true),
    ex(0.8, false),
    ex(0.7, true),
    ex(0.6, true),
    ...Array.from({ length: 9 }, (_, i) => ex(0.1 + i * 0.01, false)),
  ];

  it('stops before the first negative when the budget allows none', () => {
    expect(recallAtFalseAlarm(examples, 0.05)).toBe(0.5);
  });

  it('goes past negatives the budget allows', () => {
    expect(recallAtFalseAlarm(examples, 0.1)).toBe(1);
  });

  it('never splits a tie that would cross the budget', () => {
    expect(recallAtFalseAlarm([ex(0.9, true), ex(0.5, true), ex(0.5, false), ex(0.1, false)], 0.4)).toBe(0.5);
  });
});

describe('detectionReport', () => {
  it('reports recall, false alarms and precision at the operating point', () => {
    const r = detectionReport([
      ex(0.9, true, true),
      ex(0.8, true, true),
      ex(0.3, true, false),
      ex(0.7, false, true),
      ex(0.2, false, false),
      ex(0.1, false, false),
      ex(0.1, false, false),
    ]);
    expect(r.n).toBe(7);
    expect(r.positives).toBe(3);
    expect(r.negatives).toBe(4);
    expect(r.recall).toBeCloseTo(2 / 3, 10);
    expect(r.falseAlarmRate).toBe(0.25);
    expect(r.precision).toBeCloseTo(2 / 3, 10);
    expect(r.rocAuc).toBeCloseTo(11 / 12, 10);
    expect(r.recallAtFalseAlarm).toEqual({ '1%': 2 / 3, '3%': 2 / 3, '5%': 2 / 3 });
  });

  it('gives null precision when nothing fired and null AUC without both classes', () => {
    expect(detectionReport([ex(0.1, true), ex(0.2, false)]).precision).toBeNull();
    expect(detectionReport([ex(0.1, true)]).rocAuc).toBeNull();
  });
});
