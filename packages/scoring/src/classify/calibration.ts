/**
 * Platt scaling: probability = sigmoid(a * margin + b), fitted by Newton's method on held-out
 * rows (the calibrate split), with Platt's smoothed targets so a handful of positives cannot push
 * the map to 0/1. The slope is kept positive, so calibration never reorders messages.
 */
import { sigmoid } from './logistic.js';

export interface Platt {
  a: number;
  b: number;
}

/**
 * `rowWeights` (default 1 each) let the caller fix the prior the probabilities refer to: the
 * shipped models weight the classes equally, so 0.5 means "as likely this class as not".
 */
export function fitPlatt(
  marginsOf: ArrayLike<number>,
  labels: ArrayLike<number>,
  rowWeights?: ArrayLike<number>,
): Platt {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] === 1 ? 1 : 0;
  const neg = labels.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    // Gradient and Hessian of the cross-entropy in (a, b), with a tiny ridge for stability.
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    for (let i = 0; i < labels.length; i++) {
      const m = marginsOf[i] as number;
      const t = labels[i] === 1 ? hi : lo;
      const p = sigmoid(a * m + b);
      const c = rowWeights ? (rowWeights[i] as number) : 1;
      const d = c * (p - t);
      const v = c * p * (1 - p);
      ga += d * m;
      gb += d;
      haa += v * m * m;
      hab += v * m;
      hbb += v;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  if (!(a > 1e-6)) a = 1e-6;
  return { a, b };
}

export function applyPlatt(p: Platt, margin: number): number {
  return sigmoid(p.a * margin + p.b);
}
