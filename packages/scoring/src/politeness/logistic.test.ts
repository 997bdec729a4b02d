import { describe, expect, it } from 'vitest';
import { predict, sigmoid, train, type SparseExample } from './logistic.js';
import { assignFolds } from './training.js';

describe('logistic regression', () => {
  const ex = (f: number[], label: 0 | 1): SparseExample => ({ features: Int32Array.from(f), label });
  const data = [
    ex([0], 1),
    ex([0], 1),
    ex([0], 0),
    ex([1], 0),
    ex([1], 0),
    ex([1], 1),
    ex([0, 2], 1),
    ex([1, 2], 0),
  ];

  it('learns the sign of each feature and is bit-for-bit deterministic', () => {
    const a = train(data, 3, { lambda: 0.1 });
    const b = train(data, 3, { lambda: 0.1 });
    expect(a.weights).toEqual(b.weights);
    expect(a.bias).toBe(b.bias);
    expect(a.weights[0]).toBeGreaterThan(0);
    expect(a.weights[1]).toBeLessThan(0);
    expect(predict(a, Int32Array.from([0]))).toBeGreaterThan(0.5);
  });

  it('reaches the optimum: the gradient vanishes', () => {
    const lambda = 0.5;
    const m = train(data, 3, { lambda, tolerance: 1e-9 });
    const grad = [0, 0, 0];
    let gb = 0;
    for (const e of data) {
      const r = predict(m, e.features) - e.label;
      for (const f of e.features) grad[f]! += r;
      gb += r;
    }
    grad.forEach((g, j) => expect(Math.abs(g + lambda * m.weights[j]!)).toBeLessThan(1e-6));
    expect(Math.abs(gb)).toBeLessThan(1e-6);
  });

  it('sigmoid is stable at the extremes', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});

describe('assignFolds', () => {
  it('is stratified and reproducible', () => {
    const labels = Array.from({ length: 40 }, (_, i): 0 | 1 => (i % 4 === 0 ? 1 : 0));
    const a = assignFolds(labels, 5, 7);
    expect(assignFolds(labels, 5, 7)).toEqual(a);
    for (let k = 0; k < 5; k++) {
      const members = labels.filter((_, i) => a[i] === k);
      expect(members).toHaveLength(8);
      expect(members.filter((l) => l === 1)).toHaveLength(2);
    }
  });
});
