/**
 * L2-regularised binary logistic regression on sparse binary features, trained with full-batch
 * L-BFGS. Full-batch and a fixed iteration order make training deterministic: the same data give
 * the same weights bit for bit, which keeps the committed model reproducible.
 */

export interface SparseExample {
  /** Indices of the active (value 1) features, without repeats. */
  features: Int32Array;
  label: 0 | 1;
}

export interface LogisticOptions {
  /** L2 strength: minimises sum of log-losses + lambda/2 * |w|^2 (the bias is not penalised). */
  lambda: number;
  maxIterations?: number;
  /** Stop when the gradient norm falls below this (relative to max(1, |w|)). */
  tolerance?: number;
}

export interface LogisticModel {
  weights: Float64Array;
  bias: number;
  iterations: number;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + exp(x)) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function train(examples: readonly SparseExample[], dim: number, opts: LogisticOptions): LogisticModel {
  const { lambda } = opts;
  const maxIterations = opts.maxIterations ?? 1000;
  const tolerance = opts.tolerance ?? 1e-6;
  // Parameter vector: dim weights then the bias.
  const size = dim + 1;

  const evaluate = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const bias = x[dim] as number;
    for (const ex of examples) {
      let z = bias;
      for (const f of ex.features) z += x[f] as number;
      const y = ex.label === 1 ? 1 : -1;
      loss += softplus(-y * z);
      // d/dz log(1+exp(-y z)) = -y * sigmoid(-y z)
      const g = -y * sigmoid(-y * z);
      for (const f of ex.features) grad[f] = (grad[f] as number) + g;
      grad[dim] = (grad[dim] as number) + g;
    }
    let reg = 0;
    for (let j = 0; j < dim; j++) {
      const w = x[j] as number;
      reg += w * w;
      grad[j] = (grad[j] as number) + lambda * w;
    }
    return loss + 0.5 * lambda * reg;
  };

  const x = new Float64Array(size);
  const g = new Float64Array(size);
  let f = evaluate(x, g);
  const m = 10;
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const dir = new Float64Array(size);
  const xNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  const alpha = new Float64Array(m);
  let iterations = 0;

  for (; iterations < maxIterations; iterations++) {
    if (norm(g) <= tolerance * Math.max(1, norm(x))) break;
    // Two-loop recursion: dir = -H g.
    for (let j = 0; j < size; j++) dir[j] = -(g[j] as number);
    for (let h = sHist.length - 1; h >= 0; h--) {
      const a = (rhoHist[h] as number) * dot(sHist[h] as Float64Array, dir);
      alpha[h] = a;
      axpy(-a, yHist[h] as Float64Array, dir);
    }
    if (sHist.length > 0) {
      const s = sHist[sHist.length - 1] as Float64Array;
      const y = yHist[yHist.length - 1] as Float64Array;
      const gamma = dot(s, y) / dot(y, y);
      for (let j = 0; j < size; j++) dir[j] = (dir[j] as number) * gamma;
    } else {
      const scale = 1 / Math.max(1, norm(g));
      for (let j = 0; j < size; j++) dir[j] = (dir[j] as number) * scale;
    }
    for (let h = 0; h < sHist.length; h++) {
      const b = (rhoHist[h] as number) * dot(yHist[h] as Float64Array, dir);
      axpy((alpha[h] as number) - b, sHist[h] as Float64Array, dir);
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHist.length = yHist.length = rhoHist.length = 0;
      for (let j = 0; j < size; j++) dir[j] = -(g[j] as number);
      slope = dot(g, dir);
    }
    // Backtracking line search with the Armijo condition.
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < size; j++) xNew[j] = (x[j] as number) + step * (dir[j] as number);
      fNew = evaluate(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      s[j] = (xNew[j] as number) - (x[j] as number);
      y[j] = (gNew[j] as number) - (g[j] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sHist.length === m) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
    }
    const converged = f - fNew <= 1e-12 * Math.max(1, Math.abs(f));
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (converged) {
      iterations++;
      break;
    }
  }
  return { weights: x.slice(0, dim), bias: x[dim] as number, iterations };
}

export function predict(model: LogisticModel, features: Int32Array): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] as number;
  return sigmoid(z);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] as number) * (b[j] as number);
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < y.length; j++) y[j] = (y[j] as number) + a * (x[j] as number);
}
