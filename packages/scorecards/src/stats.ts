import type { ScoreTotals } from '@rapport/schemas';
import { ScorecardsError } from './errors.js';

// Lanczos approximation (g = 7, 9 terms): |relative error| < 1e-14 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The fraction converges fast only on this side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The regularised lower incomplete gamma function P(a, x): series below a + 1, continued fraction above. */
function incompleteGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return sum * front;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return 1 - front * h;
}

/** P(Z <= z) for the standard normal distribution. */
export function normalCdf(z: number): number {
  const p = 0.5 * incompleteGamma(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 + p : 0.5 - p;
}

// Beyond this many degrees of freedom t and normal quantiles agree to 1e-7.
const MAX_DF = 1e7;
const quantiles = new Map<string, number>();

/** Smallest x >= 0 with cdf(x) >= p (p > 0.5), by doubling then bisection. */
function invert(cdf: (x: number) => number, p: number): number {
  let lo = 0;
  let hi = 1;
  while (cdf(hi) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function checkProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new ScorecardsError('INVALID_OPTION', `a quantile needs 0 < p < 1, not ${p}`);
}

/** The p-quantile of Student's t with `df` degrees of freedom (0 < p < 1). */
export function tQuantile(p: number, df: number): number {
  checkProbability(p);
  if (!(df > 0))
    throw new ScorecardsError('INVALID_OPTION', `degrees of freedom must be positive, not ${df}`);
  if (df > MAX_DF) return normalQuantile(p);
  if (p < 0.5) return -tQuantile(1 - p, df);
  if (p === 0.5) return 0;
  const cacheKey = `${p}|${df}`;
  const cached = quantiles.get(cacheKey);
  if (cached !== undefined) return cached;
  const q = invert((t) => studentTCdf(t, df), p);
  if (quantiles.size < 10_000) quantiles.set(cacheKey, q);
  return q;
}

/** The p-quantile of the standard normal distribution (0 < p < 1). */
export function normalQuantile(p: number): number {
  checkProbability(p);
  if (p < 0.5) return -normalQuantile(1 - p);
  if (p === 0.5) return 0;
  const cacheKey = `${p}|normal`;
  const cached = quantiles.get(cacheKey);
  if (cached !== undefined) return cached;
  const q = invert(normalCdf, p);
  if (quantiles.size < 10_000) quantiles.set(cacheKey, q);
  return q;
}

export interface Interval {
  /** Confidence level, e.g. 0.95. */
  level: number;
  low: number;
  high: number;
}

/** A mean of 0-100 scores with what it rests on. */
export interface MeanEstimate {
  /** Scores behind the mean (interactions where the dimension could be judged). */
  n: number;
  /** null without data. */
  mean: number | null;
  /** Sample standard deviation; null below two scores. */
  sd: number | null;
  /** t-interval of the mean, clamped to 0-100; null below two scores (no variance to go on). */
  ci: Interval | null;
}

function checkLevel(level: number): number {
  if (!(level > 0 && level < 1))
    throw new ScorecardsError(
      'INVALID_OPTION',
      `confidence must be between 0 and 1 (e.g. 0.95), not ${level}`,
    );
  return level;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Mean, standard deviation and confidence interval from count, sum and sum of squares. The
 * interval treats the scores as independent draws, which interactions of one agent are not quite
 * (same customers, same week): read it as a lower bound on the uncertainty.
 */
export function meanEstimate(t: ScoreTotals, level = 0.95): MeanEstimate {
  checkLevel(level);
  if (t.n === 0) return { n: 0, mean: null, sd: null, ci: null };
  const mean = t.sum / t.n;
  if (t.n === 1) return { n: 1, mean, sd: null, ci: null };
  // Rounding can push a zero variance slightly below zero.
  const variance = Math.max(0, (t.sumSq - (t.sum * t.sum) / t.n) / (t.n - 1));
  const sd = Math.sqrt(variance);
  const half = tQuantile(1 - (1 - level) / 2, t.n - 1) * (sd / Math.sqrt(t.n));
  return {
    n: t.n,
    mean,
    sd,
    ci: { level, low: clamp(mean - half, 0, 100), high: clamp(mean + half, 0, 100) },
  };
}

/** A share (e.g. of flagged interactions) with its Wilson score interval. */
export interface RateEstimate {
  count: number;
  n: number;
  /** count / n; null when n is 0. */
  rate: number | null;
  ci: Interval | null;
}

/** Wilson score interval: honest at small n and at rates near 0 or 1, unlike the normal approximation. */
export function rateEstimate(count: number, n: number, level = 0.95): RateEstimate {
  checkLevel(level);
  if (n === 0) return { count, n, rate: null, ci: null };
  const rate = count / n;
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const centre = (rate + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return { count, n, rate, ci: { level, low: clamp(centre - half, 0, 1), high: clamp(centre + half, 0, 1) } };
}
