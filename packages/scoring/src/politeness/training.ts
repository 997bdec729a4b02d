/**
 * Training and cross-validation of the English model, shared by the train and eval scripts so
 * that the evaluated procedure is exactly the one that produces the shipped model.
 */
import type { LabelledRequest } from './dataset.js';
import { extractFeatures } from './features.js';
import { predict, train, type SparseExample } from './logistic.js';
import { MODEL_FORMAT, type ModelFile } from './model.js';
import { seededRandom } from '../text/random.js';
import { tokenize } from './tokenize.js';

export interface TrainingConfig {
  /** A feature must occur in at least this many training requests to get a weight. */
  minDocFreq: number;
  /** Candidate L2 strengths; the best is chosen by inner cross-validation on the training data. */
  lambdas: readonly number[];
  innerFolds: number;
  seed: number;
}

export const DEFAULT_CONFIG: TrainingConfig = {
  minDocFreq: 2,
  lambdas: [1, 2, 4, 8, 16],
  innerFolds: 5,
  seed: 20130804,
};

/** Feature sets of each request, extracted once (extraction is the same in every fold). */
export function featurize(rows: readonly LabelledRequest[]): string[][] {
  return rows.map((r) => extractFeatures(r.request).features);
}

const rng = seededRandom;

/**
 * Stratified fold assignment: each class is shuffled with the seeded PRNG and dealt round-robin,
 * so every fold has the same class balance and the split is identical on every run.
 */
export function assignFolds(labels: readonly (0 | 1)[], k: number, seed: number): Int32Array {
  const folds = new Int32Array(labels.length);
  const random = rng(seed);
  let dealt = 0;
  for (const cls of [0, 1] as const) {
    const idx: number[] = [];
    labels.forEach((l, i) => {
      if (l === cls) idx.push(i);
    });
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = idx[i] as number;
      idx[i] = idx[j] as number;
      idx[j] = tmp;
    }
    for (const i of idx) folds[i] = dealt++ % k;
  }
  return folds;
}

interface Fitted {
  vocab: Map<string, number>;
  weights: Float64Array;
  bias: number;
  iterations: number;
}

function fit(
  feats: readonly string[][],
  labels: readonly (0 | 1)[],
  train_: readonly number[],
  minDocFreq: number,
  lambda: number,
): Fitted {
  const df = new Map<string, number>();
  for (const i of train_) for (const f of feats[i] as string[]) df.set(f, (df.get(f) ?? 0) + 1);
  // Sorted vocabulary: the index order, and so the float summation order, is data-determined only.
  const names = [...df.entries()]
    .filter(([, c]) => c >= minDocFreq)
    .map(([f]) => f)
    .sort();
  const vocab = new Map(names.map((f, j) => [f, j]));
  const examples = train_.map((i) => toExample(feats[i] as string[], labels[i] as 0 | 1, vocab));
  const model = train(examples, names.length, { lambda });
  return { vocab, weights: model.weights, bias: model.bias, iterations: model.iterations };
}

function toExample(feats: readonly string[], label: 0 | 1, vocab: Map<string, number>): SparseExample {
  const idx: number[] = [];
  for (const f of feats) {
    const j = vocab.get(f);
    if (j !== undefined) idx.push(j);
  }
  return { features: Int32Array.from(idx), label };
}

function accuracyOf(
  fitted: Fitted,
  feats: readonly string[][],
  labels: readonly (0 | 1)[],
  test: readonly number[],
) {
  let correct = 0;
  for (const i of test) {
    const ex = toExample(feats[i] as string[], labels[i] as 0 | 1, fitted.vocab);
    const p = predict({ weights: fitted.weights, bias: fitted.bias, iterations: 0 }, ex.features);
    if ((p >= 0.5 ? 1 : 0) === ex.label) correct++;
  }
  return correct / test.length;
}

/** Picks the L2 strength with the best inner k-fold accuracy on `train_` only (ties: stronger). */
export function selectLambda(
  feats: readonly string[][],
  labels: readonly (0 | 1)[],
  train_: readonly number[],
  config: TrainingConfig,
): { lambda: number; scores: number[] } {
  const sub = train_.map((i) => labels[i] as 0 | 1);
  const inner = assignFolds(sub, config.innerFolds, config.seed + 1);
  const scores = config.lambdas.map((lambda) => {
    let correct = 0;
    for (let k = 0; k < config.innerFolds; k++) {
      const tr = train_.filter((_, p) => inner[p] !== k);
      const te = train_.filter((_, p) => inner[p] === k);
      correct += accuracyOf(fit(feats, labels, tr, config.minDocFreq, lambda), feats, labels, te) * te.length;
    }
    return correct / train_.length;
  });
  let best = 0;
  scores.forEach((s, j) => {
    const cur = config.lambdas[j] as number;
    const top = config.lambdas[best] as number;
    if (s > (scores[best] as number) || (s === scores[best] && cur > top)) best = j;
  });
  return { lambda: config.lambdas[best] as number, scores };
}

export interface FoldResult {
  fold: number;
  accuracy: number;
  lambda: number;
  n: number;
}

/** Outer k-fold CV; each fold selects its own lambda by inner CV on its training part. */
export function crossValidate(
  rows: readonly LabelledRequest[],
  folds: number,
  config: TrainingConfig,
  onFold: (r: FoldResult) => void = () => {},
): FoldResult[] {
  const feats = featurize(rows);
  const labels = rows.map((r) => r.label);
  const assignment = assignFolds(labels, folds, config.seed);
  const results: FoldResult[] = [];
  for (let k = 0; k < folds; k++) {
    const tr: number[] = [];
    const te: number[] = [];
    assignment.forEach((f, i) => (f === k ? te : tr).push(i));
    const { lambda } = selectLambda(feats, labels, tr, config);
    const fitted = fit(feats, labels, tr, config.minDocFreq, lambda);
    const result = { fold: k + 1, accuracy: accuracyOf(fitted, feats, labels, te), lambda, n: te.length };
    results.push(result);
    onFold(result);
  }
  return results;
}

/** Weights are rounded so the JSON stays small; 1e-5 is far below any effect on a probability. */
const round = (x: number): number => Math.round(x * 1e5) / 1e5;

/** Trains on all rows (lambda chosen by CV on all rows) and returns the model file content. */
export function trainFinal(
  rows: readonly LabelledRequest[],
  config: TrainingConfig,
): { model: ModelFile; lambdaScores: number[]; iterations: number } {
  const feats = featurize(rows);
  const labels = rows.map((r) => r.label);
  const all = rows.map((_, i) => i);
  const { lambda, scores } = selectLambda(feats, labels, all, config);
  const fitted = fit(feats, labels, all, config.minDocFreq, lambda);
  const weights: Record<string, number> = {};
  for (const [name, j] of [...fitted.vocab.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const w = round(fitted.weights[j] as number);
    if (w !== 0) weights[name] = w;
  }
  const model: ModelFile = {
    format: MODEL_FORMAT,
    language: 'en',
    bias: round(fitted.bias),
    training: {
      data: 'Stanford Politeness Corpus, Wikipedia requests (wikipedia.annotated.csv)',
      protocol: 'top vs bottom quartile of Normalized Score',
      features: 'strategies, request shape, function words and their adjacent pairs (features.ts)',
      examples: rows.length,
      positives: labels.filter((l) => l === 1).length,
      lambda,
      minDocFreq: config.minDocFreq,
      seed: config.seed,
    },
    weights,
  };
  return { model, lambdaScores: scores, iterations: fitted.iterations };
}

/**
 * The corpus has one community, so a domain shift is approximated by topic: requests that speak
 * of Wikipedia's own business (editing, articles, sources, admins, links) against all others.
 * Training on one half and testing on the other shows how much a model leans on topic words.
 */
const WIKI_BUSINESS = new Set(
  (
    'edit edits edited editing editor editors article articles page pages revert reverted reverting ' +
    'wiki wikipedia template templates image images section sections source sources sourced citation ' +
    'citations cite deletion delete deleted afd talk user users admin admins administrator vandalism ' +
    'block blocked category categories infobox url link links reference references ref refs'
  ).split(' '),
);

export function topicHalves(rows: readonly LabelledRequest[]): { wiki: number[]; other: number[] } {
  const wiki: number[] = [];
  const other: number[] = [];
  rows.forEach((r, i) => {
    // "<url>" is how the corpus anonymised links: tokenized, it reads "url".
    const onTopic = tokenize(r.request).some((t) => WIKI_BUSINESS.has(t.norm));
    (onTopic ? wiki : other).push(i);
  });
  return { wiki, other };
}

/** Trains on `trainIdx` (lambda by inner CV on it alone) and reports accuracy on `testIdx`. */
export function trainTest(
  rows: readonly LabelledRequest[],
  trainIdx: readonly number[],
  testIdx: readonly number[],
  config: TrainingConfig,
): { accuracy: number; lambda: number } {
  const feats = featurize(rows);
  const labels = rows.map((r) => r.label);
  const { lambda } = selectLambda(feats, labels, trainIdx, config);
  const fitted = fit(feats, labels, trainIdx, config.minDocFreq, lambda);
  return { accuracy: accuracyOf(fitted, feats, labels, testIdx), lambda };
}

/**
 * The paper's in-domain protocol: leave-one-out over all requests, at one L2 strength (choosing
 * it inside each of 2,176 folds would cost hours; the caller says which lambda and how chosen).
 */
export function leaveOneOut(
  rows: readonly LabelledRequest[],
  lambda: number,
  config: TrainingConfig,
): number {
  const feats = featurize(rows);
  const labels = rows.map((r) => r.label);
  const all = rows.map((_, i) => i);
  let correct = 0;
  for (const i of all) {
    const fitted = fit(
      feats,
      labels,
      all.filter((j) => j !== i),
      config.minDocFreq,
      lambda,
    );
    correct += accuracyOf(fitted, feats, labels, [i]);
  }
  return correct / rows.length;
}
