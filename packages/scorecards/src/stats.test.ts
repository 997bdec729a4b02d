import { describe, expect, it } from 'vitest';
import { meanEstimate, normalCdf, normalQuantile, rateEstimate, studentTCdf, tQuantile } from './stats.js';

describe('Student t', () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [10, 2.2281],
    [19, 2.093],
    [30, 2.0423],
    [100, 1.984],
  ])('the 0.975 quantile with %i degrees of freedom is %f (tables)', (df, q) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(q, 3);
    expect(tQuantile(0.025, df)).toBeCloseTo(-q, 3);
  });

  it('approaches the normal distribution', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 7);
    expect(tQuantile(0.975, 1e9)).toBe(normalQuantile(0.975));
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(2.3646, 7)).toBeCloseTo(0.975, 4);
  });
});

describe('meanEstimate', () => {
  it('gives the t-interval from count, sum and sum of squares', () => {
    // Scores 75, 80, 85, 78, 82: mean 80, sample sd 3.8079, t(4) = 2.7764.
    const e = meanEstimate({ n: 5, sum: 400, sumSq: 75 ** 2 + 80 ** 2 + 85 ** 2 + 78 ** 2 + 82 ** 2 });
    expect(e.mean).toBe(80);
    expect(e.sd).toBeCloseTo(3.8079, 4);
    expect(e.ci!.low).toBeCloseTo(80 - 2.7764 * (3.8079 / Math.sqrt(5)), 3);
    expect(e.ci!.high).toBeCloseTo(75.2718 + 2 * 4.7282, 3);
    expect(e.ci!.level).toBe(0.95);
  });

  it('clamps the interval to 0-100', () => {
    // 60, 100, 80: mean 80, sd 20, t(2) = 4.3027: 80 ± 49.68.
    const e = meanEstimate({ n: 3, sum: 240, sumSq: 20000 });
    expect(e.ci!.low).toBeCloseTo(30.3172, 3);
    expect(e.ci!.high).toBe(100);
  });

  it('has no mean without scores and no interval below two', () => {
    expect(meanEstimate({ n: 0, sum: 0, sumSq: 0 })).toEqual({ n: 0, mean: null, sd: null, ci: null });
    expect(meanEstimate({ n: 1, sum: 72, sumSq: 5184 })).toEqual({ n: 1, mean: 72, sd: null, ci: null });
  });

  it('gives a zero-width interval for identical scores, even when rounding makes the variance negative', () => {
    const e = meanEstimate({ n: 2, sum: 2, sumSq: 2 - 1e-15 });
    expect(e.sd).toBe(0);
    expect(e.ci).toEqual({ level: 0.95, low: 1, high: 1 });
  });

  it('narrows with the confidence level', () => {
    const t = { n: 25, sum: 2000, sumSq: 2000 ** 2 / 25 + 24 * 100 };
    const ci90 = meanEstimate(t, 0.9).ci!;
    const ci95 = meanEstimate(t, 0.95).ci!;
    expect(ci95.high - ci95.low).toBeCloseTo(2 * 2.0639 * 2, 3);
    expect(ci90.high - ci90.low).toBeCloseTo(2 * 1.7109 * 2, 3);
  });

  it('rejects a confidence level outside (0, 1)', () => {
    expect(() => meanEstimate({ n: 2, sum: 1, sumSq: 1 }, 95)).toThrow(/confidence must be between 0 and 1/);
  });
});

describe('rateEstimate (Wilson)', () => {
  it('matches the Wilson score interval', () => {
    const r = rateEstimate(3, 20);
    expect(r.rate).toBe(0.15);
    expect(r.ci!.low).toBeCloseTo(0.0524, 4);
    expect(r.ci!.high).toBeCloseTo(0.3604, 4);
  });

  it('stays informative at 0 of n and has no rate at n = 0', () => {
    const r = rateEstimate(0, 10);
    expect(r.ci!.low).toBe(0);
    expect(r.ci!.high).toBeCloseTo(0.2775, 4);
    expect(rateEstimate(0, 0)).toEqual({ count: 0, n: 0, rate: null, ci: null });
  });
});
