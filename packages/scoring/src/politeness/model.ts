/**
 * The trained English request model: a JSON map of feature name -> weight, loaded once,
 * synchronously, when the module loads (the engine scores on a hot path and must not await a file
 * per message). With a few hundred features a name lookup per feature is cheap, and scoring by
 * the very names training used keeps one definition of the features (features.ts).
 */
import { readFileSync } from 'node:fs';
import { ScoringError } from '../errors.js';
import { extractFeatures } from './features.js';
import { sigmoid } from './logistic.js';
import type { PolitenessResult } from './types.js';

export const MODEL_FORMAT = 'rapport-politeness-logreg/2';

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  language: 'en';
  bias: number;
  training: Record<string, string | number>;
  /** Feature name -> weight; absent features weigh 0. */
  weights: Record<string, number>;
}

export interface CompiledModel {
  bias: number;
  /** A Map, because a plain object would also answer "constructor". */
  weights: ReadonlyMap<string, number>;
}

/** `models/` sits two levels above both `src/politeness/` and `dist/politeness/`. */
export const MODEL_URL = new URL('../../models/politeness-en.json', import.meta.url);

export function compileModel(raw: Partial<ModelFile>, source: string): CompiledModel {
  if (raw.format !== MODEL_FORMAT || typeof raw.bias !== 'number' || !raw.weights) {
    throw new ScoringError(
      'POLITENESS_FAILED',
      `${source} is not a politeness model of format ${MODEL_FORMAT} (found ${JSON.stringify(raw.format)}); ` +
        'regenerate it with pnpm train:politeness',
    );
  }
  const weights = new Map<string, number>();
  for (const [name, w] of Object.entries(raw.weights)) if (Number.isFinite(w)) weights.set(name, w);
  return { bias: raw.bias, weights };
}

export function loadModel(url: URL = MODEL_URL): CompiledModel {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (err) {
    throw new ScoringError(
      'POLITENESS_FAILED',
      `cannot read the politeness model ${url.pathname}: ${(err as NodeJS.ErrnoException).code ?? String(err)}; ` +
        'it ships with the package (packages/scoring/models/); regenerate it with pnpm train:politeness',
      [],
      { cause: err },
    );
  }
  return compileModel(JSON.parse(text) as Partial<ModelFile>, url.pathname);
}

export function scoreWithModel(model: CompiledModel, text: string): PolitenessResult {
  const { strategies, features } = extractFeatures(text);
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return { probability: sigmoid(z), strategies };
}

/** Reference scorer over the model file as written, used by tests to pin the loaded model to it. */
export function scoreByNames(raw: ModelFile, features: readonly string[]): number {
  let z = raw.bias;
  for (const f of new Set(features)) if (Object.hasOwn(raw.weights, f)) z += raw.weights[f] as number;
  return z;
}
