/**
 * The shipped classifiers, loaded synchronously once at module load (the engine scores on a hot
 * path and must not await a file per message). The models of a language are compiled into one
 * interleaved weight table, index * models + model, so every feature of a message costs one
 * cache line for all of that language's models together.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScoringError } from '../errors.js';
import { DIM } from './features.js';
import {
  decodeWeights,
  parseModelFile,
  type ClassifierLanguage,
  type ClassifierName,
  type ModelFile,
} from './model-file.js';

/** Which models ship, per language, in the order classifyText returns them. */
export const SHIPPED: Readonly<Record<ClassifierLanguage, readonly ClassifierName[]>> = {
  en: ['offensive', 'condescending', 'dismissive', 'hostile'],
  da: ['offensive'],
};

/** `models/` sits two levels above both `src/classify/` and `dist/classify/`. */
export function modelUrl(name: ClassifierName, lang: ClassifierLanguage): URL {
  return new URL(`../../models/${name}-${lang}.json`, import.meta.url);
}

export interface LanguageModels {
  names: readonly ClassifierName[];
  /**
   * Distinct weight vectors, interleaved: weights[index * vectors + v]. Models trained on the same
   * rows share one vector (they differ only in calibration), so it is read and summed once.
   */
  weights: Float32Array;
  vectors: number;
  /** Model -> its weight vector. */
  vectorOf: Int32Array;
  /** Bias per weight vector. */
  bias: Float64Array;
  plattA: Float64Array;
  plattB: Float64Array;
  files: readonly ModelFile[];
}

export function compileLanguage(files: readonly ModelFile[], sources: readonly string[]): LanguageModels {
  const distinct: ModelFile[] = [];
  const vectorOf = new Int32Array(files.length);
  files.forEach((f, j) => {
    let v = distinct.findIndex((d) => d.weights.data === f.weights.data && d.bias === f.bias);
    if (v < 0) {
      v = distinct.length;
      distinct.push(f);
    }
    vectorOf[j] = v;
  });
  const m = distinct.length;
  const weights = new Float32Array(DIM * m);
  distinct.forEach((f) => {
    const v = distinct.indexOf(f);
    const w = decodeWeights(f.weights, sources[files.indexOf(f)] ?? f.name);
    for (let i = 0; i < DIM; i++) weights[i * m + v] = w[i] as number;
  });
  return {
    names: files.map((f) => f.name),
    weights,
    vectors: m,
    vectorOf,
    bias: Float64Array.from(distinct, (f) => f.bias),
    plattA: Float64Array.from(files, (f) => f.calibration.a),
    plattB: Float64Array.from(files, (f) => f.calibration.b),
    // The decoded table holds the weights; the base64 text (0.7 MB a model) need not stay resident.
    files: files.map((f) => ({ ...f, weights: { ...f.weights, data: '' } })),
  };
}

export function readModelFile(url: URL): { file: ModelFile; source: string } {
  const source = `packages/scoring/models/${url.pathname.split('/').pop() ?? ''}`;
  let text: string;
  try {
    text = readFileSync(fileURLToPath(url), 'utf8');
  } catch (err) {
    throw new ScoringError(
      'CLASSIFIER_MODEL_INVALID',
      `${source} cannot be read (${(err as Error).message}). Regenerate the classifier models with: pnpm train:classifiers`,
    );
  }
  return { file: parseModelFile(text, source), source };
}

function loadLanguage(lang: ClassifierLanguage): LanguageModels {
  const read = SHIPPED[lang].map((name) => {
    const r = readModelFile(modelUrl(name, lang));
    if (r.file.name !== name || r.file.language !== lang) {
      throw new ScoringError(
        'CLASSIFIER_MODEL_INVALID',
        `${r.source} holds the ${r.file.name} model for ${r.file.language}, expected ${name} for ${lang}. Regenerate the classifier models with: pnpm train:classifiers`,
      );
    }
    return r;
  });
  return compileLanguage(
    read.map((r) => r.file),
    read.map((r) => r.source),
  );
}

/** Loaded when this module loads: a broken model file stops the process at startup, not mid-stream. */
const LOADED: Record<ClassifierLanguage, LanguageModels> = { en: loadLanguage('en'), da: loadLanguage('da') };

export function languageModels(lang: ClassifierLanguage): LanguageModels {
  return LOADED[lang];
}
