/**
 * Evaluates the English politeness model with the protocol of Danescu-Niculescu-Mizil et al.
 * (ACL 2013): top vs bottom quartile of Normalized Score, binary accuracy.
 *
 *   pnpm eval:politeness               10-fold CV of the training procedure on the Wikipedia requests
 *                                      (the L2 strength is chosen by inner CV inside each fold), and
 *                                      a topic-shift check (train on one topic half, test on the other)
 *   pnpm eval:politeness --loo         the same, plus leave-one-out, the paper's in-domain protocol
 *                                      (2,176 fits: about ten minutes on one core)
 *   pnpm eval:politeness --file PATH   accuracy of the SHIPPED model (models/politeness-en.json) on
 *                                      any CSV with the corpus columns; nothing is trained on it
 *   pnpm eval:politeness --engine      the politeness DIMENSION of the engine on evaluation-only data:
 *                                      ABCD chats (share flagged impolite), neutral factual replies,
 *                                      Unhealthy Comment Corpus val (ROC AUC condescending vs healthy)
 *
 * The last line printed is one JSON object with the result, for machines.
 */
import { realpathSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  PolitenessDataError,
  quartileLabels,
  readAnnotatedFile,
  type LabelledRequest,
} from '../src/politeness/dataset.js';
import { loadModel, MODEL_URL, scoreWithModel } from '../src/politeness/model.js';
import {
  crossValidate,
  DEFAULT_CONFIG,
  leaveOneOut,
  selectLambda,
  featurize,
  topicHalves,
  trainTest,
} from '../src/politeness/training.js';
import { evaluateEngine } from './politeness-engine-eval.js';

const repoRoot = new URL('../../../', import.meta.url);
const dataPath = fileURLToPath(new URL('../shared/data/politeness/wikipedia.annotated.csv', repoRoot));
const FOLDS = 10;

const ANCHORS = [
  ['paper, linguistic model (SVM, strategies + unigrams)', 0.838],
  ['paper, bag-of-words', 0.798],
  ['plain bag-of-words logistic regression (unigrams)', 0.815],
  ['previous shipped model (strategies + all unigrams and bigrams)', 0.8479],
  ['human agreement (paper)', 0.867],
] as const;

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function printAnchors(): void {
  console.log('anchors (same protocol, Wikipedia requests):');
  for (const [name, acc] of ANCHORS) console.log(`  ${pct(acc)}  ${name}`);
}

function crossValidation(withLoo: boolean): void {
  const t0 = performance.now();
  const rows = readAnnotatedFile(
    dataPath,
    'Place the Stanford Politeness Corpus file wikipedia.annotated.csv in shared/data/politeness/ beside the repository, or pass --file PATH.',
  );
  const labelled = quartileLabels(rows);
  console.log(
    `data: ${relative(process.cwd(), dataPath)}: ${rows.length} requests, ${labelled.length} in the top/bottom quartiles`,
  );
  console.log(
    `${FOLDS}-fold stratified CV (seed ${DEFAULT_CONFIG.seed}); lambda chosen per fold by inner ${DEFAULT_CONFIG.innerFolds}-fold CV over ${DEFAULT_CONFIG.lambdas.join(', ')}`,
  );
  const results = crossValidate(labelled, FOLDS, DEFAULT_CONFIG, (r) =>
    console.log(`fold ${r.fold}/${FOLDS}: accuracy ${pct(r.accuracy)} (n=${r.n}, lambda ${r.lambda})`),
  );
  const accs = results.map((r) => r.accuracy);
  const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
  const std = Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / (accs.length - 1));
  console.log(
    `mean accuracy ${pct(mean)} ± ${pct(std)} (std over folds) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const { wiki, other } = topicHalves(labelled);
  const wikiToOther = trainTest(labelled, wiki, other, DEFAULT_CONFIG);
  const otherToWiki = trainTest(labelled, other, wiki, DEFAULT_CONFIG);
  console.log(
    `topic shift (train on one half, test on the other; lambda by inner CV on the training half): ` +
      `Wikipedia-business requests (n=${wiki.length}) -> others (n=${other.length}) ${pct(wikiToOther.accuracy)}, ` +
      `others -> Wikipedia-business ${pct(otherToWiki.accuracy)}`,
  );
  let loo: { accuracy: number; lambda: number } | undefined;
  if (withLoo) {
    // The lambda the shipped model uses (inner CV on all rows), so LOO carries that much selection.
    const all = labelled.map((_, i) => i);
    const labels = labelled.map((r) => r.label);
    const { lambda } = selectLambda(featurize(labelled), labels, all, DEFAULT_CONFIG);
    loo = { accuracy: leaveOneOut(labelled, lambda, DEFAULT_CONFIG), lambda };
    console.log(
      `leave-one-out (the paper's in-domain protocol) at the shipped lambda ${lambda}: ${pct(loo.accuracy)}`,
    );
  }
  printAnchors();
  console.log(
    JSON.stringify({
      metric: 'politeness_10fold_accuracy',
      ...(loo ? { leave_one_out: { accuracy: round4(loo.accuracy), lambda: loo.lambda } } : {}),
      topic_shift: {
        wiki_to_other: round4(wikiToOther.accuracy),
        other_to_wiki: round4(otherToWiki.accuracy),
      },
      accuracy: round4(mean),
      std: round4(std),
      folds: FOLDS,
      n: labelled.length,
      fold_accuracies: accs.map(round4),
      lambdas: results.map((r) => r.lambda),
      seed: DEFAULT_CONFIG.seed,
      data: basename(dataPath),
    }),
  );
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function shippedModel(path: string): void {
  const rows = readAnnotatedFile(
    path,
    'Pass --file the path of a CSV with the Stanford Politeness Corpus columns.',
  );
  const labelled: LabelledRequest[] = quartileLabels(rows);
  const model = loadModel();
  console.log(
    `model: ${relative(process.cwd(), fileURLToPath(MODEL_URL))} (as shipped; nothing is trained on this file)`,
  );
  if (realpathSync(path) === safeRealpath(dataPath)) {
    console.log(
      'warning: this is the training data, so the figure is training accuracy, not a held-out estimate',
    );
  }
  console.log(`data: ${path}: ${rows.length} requests, ${labelled.length} in the top/bottom quartiles`);
  let correct = 0;
  let tp = 0;
  let tn = 0;
  for (const r of labelled) {
    const predicted = scoreWithModel(model, r.request).probability >= 0.5 ? 1 : 0;
    if (predicted === r.label) {
      correct++;
      if (r.label === 1) tp++;
      else tn++;
    }
  }
  const n = labelled.length;
  const acc = correct / n;
  const half = n / 2;
  // Wilson 95% interval: how far the figure could move on another sample of this size.
  const z = 1.96;
  const centre = (acc + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const spread = (z * Math.sqrt((acc * (1 - acc)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  console.log(
    `accuracy ${pct(acc)} (95% CI ${pct(centre - spread)}–${pct(centre + spread)}); polite recall ${pct(tp / half)}, impolite recall ${pct(tn / half)}`,
  );
  printAnchors();
  console.log(
    JSON.stringify({
      metric: 'politeness_shipped_model_accuracy',
      accuracy: round4(acc),
      ci95: [round4(centre - spread), round4(centre + spread)],
      folds: 0,
      n,
      data: basename(path),
    }),
  );
}

function main(): void {
  let file: string | undefined;
  let engine: boolean | undefined;
  let loo: boolean | undefined;
  try {
    ({
      values: { file, engine, loo },
    } = parseArgs({
      options: { file: { type: 'string' }, engine: { type: 'boolean' }, loo: { type: 'boolean' } },
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(
      `eval-politeness: ${(err as Error).message}\nusage: pnpm eval:politeness [--loo | --file PATH | --engine]`,
    );
    process.exit(2);
  }
  if (engine === true) evaluateEngine(new URL('../shared/data/', repoRoot));
  else if (file !== undefined) shippedModel(file);
  else crossValidation(loo === true);
}

try {
  main();
} catch (err) {
  if (err instanceof PolitenessDataError) {
    console.error(`eval-politeness: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
