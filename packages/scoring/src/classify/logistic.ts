/**
 * L2-regularised logistic regression on sparse real-valued rows with per-row weights, trained by
 * full-batch L-BFGS. Full batch and a fixed iteration order make a fit deterministic: the same
 * rows give the same weights bit for bit, so the committed models are reproducible.
 */
import type { SparseRows } from './sparse.js';

export interface FitOptions {
  /** Minimises sum_r weight_r * logloss_r + lambda / 2 * |w|^2 (the bias is not penalised). */
  lambda: number;
  maxIterations?: number;
  /** Starting point (weights then bias, dim + 1 values): a fit at a nearby lambda converges in far fewer steps. */
  start?: Float64Array;
}

export interface FitResult {
  weights: Float64Array;
  bias: number;
  iterations: number;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Row weights that give each class the same total weight (the rarer class would otherwise be ignored). */
export function balancedWeights(labels: Uint8Array): Float64Array {
  let pos = 0;
  for (const y of labels) pos += y;
  const neg = labels.length - pos;
  const wp = pos > 0 ? labels.length / (2 * pos) : 0;
  const wn = neg > 0 ? labels.length / (2 * neg) : 0;
  return Float64Array.from(labels, (y) => (y === 1 ? wp : wn));
}

export function fitLogistic(
  x: SparseRows,
  labels: Uint8Array,
  rowWeights: Float64Array,
  dim: number,
  opts: FitOptions,
): FitResult {
  const { lambda } = opts;
  const maxIterations = opts.maxIterations ?? 300;
  const size = dim + 1;
  const { offsets, index, value } = x;

  const evaluate = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const bias = w[dim] as number;
    for (let r = 0; r < x.rows; r++) {
      const from = offsets[r] as number;
      const to = offsets[r + 1] as number;
      let z = bias;
      for (let k = from; k < to; k++) z += (w[index[k] as number] as number) * (value[k] as number);
      const y = labels[r] === 1 ? 1 : -1;
      const c = rowWeights[r] as number;
      loss += c * softplus(-y * z);
      const g = -y * c * sigmoid(-y * z);
      for (let k = from; k < to; k++) {
        const j = index[k] as number;
        grad[j] = (grad[j] as number) + g * (value[k] as number);
      }
      grad[dim] = (grad[dim] as number) + g;
    }
    let reg = 0;
    for (let j = 0; j < dim; j++) {
      const wj = w[j] as number;
      reg += wj * wj;
      grad[j] = (grad[j] as number) + lambda * wj;
    }
    return loss + 0.5 * lambda * reg;
  };

  const w = new Float64Array(size);
  if (opts.start) w.set(opts.start.subarray(0, size));
  const g = new Float64Array(size);
  let f = evaluate(w, g);
  const memory = 8;
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const dir = new Float64Array(size);
  const wNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    for (let j = 0; j < size; j++) dir[j] = -(g[j] as number);
    for (let h = sHist.length - 1; h >= 0; h--) {
      const a = (rho[h] as number) * dot(sHist[h] as Float64Array, dir);
      alpha[h] = a;
      const yh = yHist[h] as Float64Array;
      for (let j = 0; j < size; j++) dir[j] = (dir[j] as number) - a * (yh[j] as number);
    }
    if (sHist.length > 0) {
      const s = sHist[sHist.length - 1] as Float64Array;
      const y = yHist[yHist.length - 1] as Float64Array;
      const gamma = dot(s, y) / dot(y, y);
      for (let j = 0; j < size; j++) dir[j] = (dir[j] as number) * gamma;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let j = 0; j < size; j++) dir[j] = (dir[j] as number) * scale;
    }
    for (let h = 0; h < sHist.length; h++) {
      const b = (rho[h] as number) * dot(yHist[h] as Float64Array, dir);
      const sh = sHist[h] as Float64Array;
      const k = (alpha[h] as number) - b;
      for (let j = 0; j < size; j++) dir[j] = (dir[j] as number) + k * (sh[j] as number);
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      sHist.length = yHist.length = rho.length = 0;
      for (let j = 0; j < size; j++) dir[j] = -(g[j] as number);
      slope = dot(g, dir);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < size; j++) wNew[j] = (w[j] as number) + step * (dir[j] as number);
      fNew = evaluate(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      s[j] = (wNew[j] as number) - (w[j] as number);
      y[j] = (gNew[j] as number) - (g[j] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sHist.length === memory) {
        sHist.shift();
        yHist.shift();
        rho.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rho.push(1 / sy);
    }
    const done = f - fNew <= 1e-7 * Math.max(1, Math.abs(f));
    w.set(wNew);
    g.set(gNew);
    f = fNew;
    if (done) {
      iterations++;
      break;
    }
  }
  return { weights: w.slice(0, dim), bias: w[dim] as number, iterations };
}
