/**
 * Trains the English politeness model on all top/bottom-quartile Wikipedia requests of the
 * Stanford Politeness Corpus and writes packages/scoring/models/politeness-en.json.
 * Deterministic: the same data give a byte-identical file. Usage: pnpm train:politeness
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolitenessDataError, quartileLabels, readAnnotatedFile } from '../src/politeness/dataset.js';
import { DEFAULT_CONFIG, trainFinal } from '../src/politeness/training.js';

// The corpus lives in shared/ beside the repository: <repo>/../shared/data/politeness/.
const repoRoot = new URL('../../../', import.meta.url);
const dataPath = fileURLToPath(new URL('../shared/data/politeness/wikipedia.annotated.csv', repoRoot));
const modelPath = fileURLToPath(new URL('../models/politeness-en.json', import.meta.url));

function main(): void {
  const t0 = performance.now();
  const rows = readAnnotatedFile(
    dataPath,
    'Place the Stanford Politeness Corpus file wikipedia.annotated.csv in shared/data/politeness/ beside the repository.',
  );
  const labelled = quartileLabels(rows);
  console.log(
    `data: ${relative(process.cwd(), dataPath)}: ${rows.length} requests, ${labelled.length} in the top/bottom quartiles`,
  );
  console.log(
    `selecting L2 strength by ${DEFAULT_CONFIG.innerFolds}-fold CV over ${DEFAULT_CONFIG.lambdas.join(', ')} ...`,
  );
  const { model, lambdaScores, iterations } = trainFinal(labelled, DEFAULT_CONFIG);
  DEFAULT_CONFIG.lambdas.forEach((l, j) =>
    console.log(`  lambda ${l}: CV accuracy ${((lambdaScores[j] ?? 0) * 100).toFixed(2)}%`),
  );
  const json = JSON.stringify(model, null, 2) + '\n';
  mkdirSync(dirname(modelPath), { recursive: true });
  writeFileSync(modelPath, json);
  const weights = Object.entries(model.weights).sort(([, a], [, b]) => b - a);
  const strategies = weights.filter(([f]) => f.startsWith('s:'));
  console.log(`chosen lambda ${model.training.lambda}; L-BFGS iterations ${iterations}`);
  console.log(`features with a weight: ${weights.length}; bias ${model.bias}`);
  console.log(
    `most polite: ${weights
      .slice(0, 12)
      .map(([f, w]) => `${JSON.stringify(f)} ${w.toFixed(2)}`)
      .join(', ')}`,
  );
  console.log(
    `least polite: ${weights
      .slice(-12)
      .reverse()
      .map(([f, w]) => `${JSON.stringify(f)} ${w.toFixed(2)}`)
      .join(', ')}`,
  );
  console.log(`strategy weights: ${strategies.map(([f, w]) => `${f.slice(2)} ${w.toFixed(2)}`).join(', ')}`);
  console.log(
    `wrote ${relative(process.cwd(), modelPath)} (${(Buffer.byteLength(json) / 1024).toFixed(1)} KiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

try {
  main();
} catch (err) {
  if (err instanceof PolitenessDataError) {
    console.error(`train-politeness: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
