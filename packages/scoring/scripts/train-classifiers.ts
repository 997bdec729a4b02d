/**
 * Trains the shipped text classifiers (see datasets/recipes.ts) and writes
 * packages/scoring/models/<name>-<lang>.json. Deterministic: the same data give byte-identical
 * files. Usage: pnpm train:classifiers [model-id ...]   (e.g. offensive-en; default: all)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIM } from '../src/classify/features.js';
import { MODEL_FORMAT, encodeWeights, type ModelFile } from '../src/classify/model-file.js';
import { FEATURE_VERSION } from '../src/classify/features.js';
import { DatasetError, TRAINABLE, loadReport } from './datasets/index.js';
import { RECIPES, type Recipe } from './datasets/recipes.js';
import { fitRecipe } from './datasets/fit.js';

function modelPath(id: string): string {
  return fileURLToPath(new URL(`../models/${id}.json`, import.meta.url));
}

function train(recipe: Recipe): void {
  const t0 = performance.now();
  for (const d of recipe.train) {
    if (!TRAINABLE.has(d)) throw new Error(`${recipe.id}: ${d} may not train shipped weights (licence)`);
  }
  const fit = fitRecipe(recipe, (line) => console.log(`  ${line}`));
  const sources = Object.fromEntries(
    recipe.train.map((d) => [d, { ...(loadReport(d) ?? {}), trainRows: fit.trainCounts[d] }]),
  );
  const file: ModelFile = {
    format: MODEL_FORMAT,
    name: recipe.name,
    language: recipe.lang,
    features: FEATURE_VERSION,
    dimension: DIM,
    bias: fit.bias,
    calibration: { method: 'platt', a: fit.platt.a, b: fit.platt.b },
    operatingPoints: fit.operatingPoints,
    training: {
      command: 'pnpm train:classifiers',
      sources,
      calibratedOn: recipe.calibrateOn.map((d) => `${d} (calibrate split)`).join(', '),
      lambda: fit.lambda,
      lambdaAucOnCalibrate: fit.lambdaAuc,
      iterations: fit.iterations,
    },
    weights: encodeWeights(fit.weights),
  };
  const json = JSON.stringify(file) + '\n';
  writeFileSync(modelPath(recipe.id), json);
  console.log(
    `${recipe.id}: lambda ${fit.lambda}, calibrate AUC ${fit.calibrateAuc.toFixed(4)}, wrote packages/scoring/models/${recipe.id}.json (${(json.length / 1024).toFixed(0)} KiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

function main(): void {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !RECIPES.some((r) => r.id === w));
  if (unknown.length > 0) {
    console.error(
      `train-classifiers: unknown model ${unknown.join(', ')}; known: ${RECIPES.map((r) => r.id).join(', ')}`,
    );
    process.exit(2);
  }
  for (const r of RECIPES) if (wanted.length === 0 || wanted.includes(r.id)) train(r);
}

try {
  main();
} catch (err) {
  if (err instanceof DatasetError) {
    console.error(`train-classifiers: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
