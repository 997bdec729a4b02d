import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt } from './calibration.js';
import { confusionAt, rocAuc, thresholdAtFpr } from './metrics.js';

describe('Platt scaling', () => {
  const margins = [-3, -2, -1.5, -1, -0.5, 0, 0.2, 0.5, 1, 1.5, 2, 3];
  const labels = [0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1];

  it('is monotone increasing in the margin', () => {
    const p = fitPlatt(margins, labels);
    expect(p.a).toBeGreaterThan(0);
    let prev = -1;
    for (let m = -5; m <= 5; m += 0.25) {
      const q = applyPlatt(p, m);
      expect(q).toBeGreaterThan(prev);
      prev = q;
    }
  });

  it('matches observed frequencies on data drawn from a known logistic curve', () => {
    // Margins 0..99 mapped to -4..4 with labels set for the fraction sigmoid(2m - 1) in each block.
    const m: number[] = [];
    const y: number[] = [];
    for (let i = -40; i <= 40; i++) {
      const x = i / 10;
      const p = 1 / (1 + Math.exp(-(2 * x - 1)));
      for (let k = 0; k < 100; k++) {
        m.push(x);
        y.push(k < Math.round(p * 100) ? 1 : 0);
      }
    }
    const fit = fitPlatt(m, y);
    expect(fit.a).toBeCloseTo(2, 1);
    expect(fit.b).toBeCloseTo(-1, 1);
  });

  it('with balanced row weights puts 0.5 where the classes are equally likely', () => {
    // Three times as many negatives as positives, both spread symmetrically around 0.
    const m = [-2, -1, 1, 2, -2, -1, 1, 2, -2, -1, 1, 2, -2, -1, 1, 2];
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1].map((v, i) => (i >= 12 ? 1 : v));
    const rw = y.map((v) => (v === 1 ? 2 : 2 / 3));
    const plain = applyPlatt(fitPlatt(m, y), 0);
    const balanced = applyPlatt(fitPlatt(m, y, rw), 0);
    expect(plain).toBeLessThan(0.35);
    expect(balanced).toBeCloseTo(0.5, 1);
  });
});

describe('detector figures', () => {
  it('computes ROC AUC with ties counted half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 10);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 10);
  });

  it('picks the lowest threshold within a false-alarm budget', () => {
    const scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
    const labels = [0, 0, 0, 0, 0, 1, 0, 1, 1, 1];
    const t = thresholdAtFpr(scores, labels, 1 / 6);
    const c = confusionAt(scores, labels, t);
    expect(c.falseAlarmRate).toBeCloseTo(1 / 6, 10);
    expect(c.recall).toBe(1);
    expect(c.precision).toBeCloseTo(4 / 5, 10);
    expect(confusionAt(scores, labels, thresholdAtFpr(scores, labels, 0)).recall).toBe(0.75);
  });
});
