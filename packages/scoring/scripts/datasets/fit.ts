/**
 * The training pipeline of one recipe, shared by the training script (which writes its result) and
 * the evaluation script (which re-runs it on other rows for cross-validation and cross-dataset
 * figures): featurise, fit one model per L2 strength on the train rows, keep the one with the best
 * ROC AUC on the calibrate rows, then fit Platt scaling and the operating points on calibrate rows.
 */
import { applyPlatt, fitPlatt, type Platt } from '../../src/classify/calibration.js';
import { DIM } from '../../src/classify/features.js';
import { balancedWeights, fitLogistic } from '../../src/classify/logistic.js';
import { rocAuc, thresholdAtFpr } from '../../src/classify/metrics.js';
import { featurize, margins } from '../../src/classify/sparse.js';
import { loadDataset, sourceOf, splitOf, type DatasetName, type LabelledText } from './index.js';
import { FALSE_ALARM_BUDGETS, type Recipe } from './recipes.js';

export interface Fitted {
  weights: Float64Array;
  bias: number;
  lambda: number;
  lambdaAuc: Record<string, number>;
  iterations: number;
  calibrateAuc: number;
  platt: Platt;
  operatingPoints: { maxFalseAlarmRate: number; threshold: number }[];
  trainCounts: Partial<Record<DatasetName, number>>;
}

export function labelsOf(rows: readonly LabelledText[]): Uint8Array {
  return Uint8Array.from(rows, (r) => r.label);
}

/** Fits weights on `train`, choosing lambda by AUC on `select`. */
export function fitWeights(
  train: readonly LabelledText[],
  select: readonly LabelledText[],
  lambdas: readonly number[],
  log: (line: string) => void = () => {},
  sourceWeights: Partial<Record<DatasetName, number>> = {},
): {
  weights: Float64Array;
  bias: number;
  lambda: number;
  lambdaAuc: Record<string, number>;
  iterations: number;
} {
  const x = featurize(train.map((r) => r.text));
  const y = labelsOf(train);
  const rw = balancedWeights(y);
  train.forEach((r, i) => {
    const m = sourceWeights[sourceOf(r.id) as DatasetName];
    if (m !== undefined) rw[i] = (rw[i] as number) * m;
  });
  const xs = featurize(select.map((r) => r.text));
  const ys = labelsOf(select);
  let best: ReturnType<typeof fitLogistic> | undefined;
  let bestAuc = -Infinity;
  let bestLambda = lambdas[0] ?? 1;
  const lambdaAuc: Record<string, number> = {};
  // Strongest regularisation first, each fit starting from the previous one: same optimum, fewer steps.
  let start: Float64Array | undefined;
  for (const lambda of [...lambdas].sort((a, b) => b - a)) {
    const fit = fitLogistic(x, y, rw, DIM, { lambda, start });
    start = new Float64Array(DIM + 1);
    start.set(fit.weights);
    start[DIM] = fit.bias;
    const auc = rocAuc(margins(xs, fit.weights, fit.bias), ys);
    lambdaAuc[String(lambda)] = Math.round(auc * 10000) / 10000;
    log(`lambda ${lambda}: ${fit.iterations} iterations, AUC on selection rows ${auc.toFixed(4)}`);
    // Ties go to the stronger regularisation (tried first): the simpler model.
    if (auc > bestAuc) {
      bestAuc = auc;
      best = fit;
      bestLambda = lambda;
    }
  }
  if (!best) throw new Error('no L2 strength to try');
  return {
    weights: best.weights,
    bias: best.bias,
    lambda: bestLambda,
    lambdaAuc,
    iterations: best.iterations,
  };
}

export function rowsOf(
  datasets: readonly DatasetName[],
  split: 'train' | 'calibrate' | 'test',
): LabelledText[] {
  return datasets.flatMap((d) => loadDataset(d).filter((r) => splitOf(r.id) === split));
}

/** Weights by training settings: recipes that differ only in calibration share one fit. */
const fitted = new Map<string, ReturnType<typeof fitWeights>>();

export function fitRecipe(recipe: Recipe, log: (line: string) => void = () => {}): Fitted {
  const train = rowsOf(recipe.train, 'train');
  const select = rowsOf(recipe.selectOn ?? recipe.train, 'calibrate');
  const trainCounts: Partial<Record<DatasetName, number>> = {};
  for (const d of recipe.train)
    trainCounts[d] = loadDataset(d).filter((r) => splitOf(r.id) === 'train').length;
  const key = JSON.stringify([
    recipe.train,
    recipe.selectOn ?? [],
    recipe.lambdas,
    recipe.sourceWeights ?? {},
  ]);
  let w = fitted.get(key);
  if (w) log(`same training rows and settings as an earlier model: reusing its weights`);
  else {
    w = fitWeights(train, select, recipe.lambdas, log, recipe.sourceWeights);
    fitted.set(key, w);
  }
  const cal = rowsOf(recipe.calibrateOn, 'calibrate');
  const calMargins = margins(featurize(cal.map((r) => r.text)), w.weights, w.bias);
  const calLabels = labelsOf(cal);
  const platt = fitPlatt(calMargins, calLabels, balancedWeights(calLabels));
  const probs = Array.from(calMargins, (m) => applyPlatt(platt, m));
  const operatingPoints = FALSE_ALARM_BUDGETS.map((maxFalseAlarmRate) => ({
    maxFalseAlarmRate,
    threshold: Math.min(1, Math.max(0, thresholdAtFpr(probs, calLabels, maxFalseAlarmRate))),
  }));
  return {
    ...w,
    calibrateAuc: rocAuc(calMargins, calLabels),
    platt,
    operatingPoints,
    trainCounts,
  };
}
