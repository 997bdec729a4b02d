/**
 * The trained English request model: a JSON map of feature name -> weight, loaded once,
 * synchronously, when the module loads (the engine scores on a hot path and must not await a file
 * per message). At load the names are compiled to integer ids, so that scoring a request builds
 * no strings; a property test pins the compiled scorer to the named features of features.ts.
 */
import { readFileSync } from 'node:fs';
import { ScoringError } from '../errors.js';
import { PAIR_PREFIX, SHAPE_PREFIX, shapeFeatures, STRATEGY_PREFIX, WORD_PREFIX } from './features.js';
import { sigmoid } from './logistic.js';
import { detectEnglish } from './strategies-en.js';
import { tokenize, type Token } from './tokenize.js';
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

/** Pair key = first id * SHIFT + second id: a small integer, which V8 hashes fast. */
const SHIFT = 2 ** 15;

export interface CompiledModel {
  bias: number;
  /** Weight per feature index. */
  weights: Float64Array;
  /** Strategy name (without prefix) -> feature index. */
  strategy: Map<string, number>;
  /** Shape feature name (with its prefix) -> feature index. */
  shape: Map<string, number>;
  /** Function word -> word id (every word of a weighted word or pair feature). */
  wordIds: Map<string, number>;
  /** Word id -> feature index of the word alone, or -1. */
  word: Int32Array;
  pair: Map<number, number>;
  /** Per-feature stamp of the last call that counted it: binary features without a Set per call. */
  stamp: Uint32Array;
  generation: number;
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
  const wordIds = new Map<string, number>();
  const idOf = (w: string): number => {
    let id = wordIds.get(w);
    if (id === undefined) wordIds.set(w, (id = wordIds.size));
    return id;
  };
  const weights: number[] = [];
  const strategy = new Map<string, number>();
  const shape = new Map<string, number>();
  const wordOf = new Map<number, number>();
  const pair = new Map<number, number>();
  for (const [name, w] of Object.entries(raw.weights)) {
    if (!Number.isFinite(w)) continue;
    const fi = weights.length;
    weights.push(w);
    if (name.startsWith(STRATEGY_PREFIX)) strategy.set(name.slice(STRATEGY_PREFIX.length), fi);
    else if (name.startsWith(SHAPE_PREFIX)) shape.set(name, fi);
    else if (name.startsWith(WORD_PREFIX)) wordOf.set(idOf(name.slice(WORD_PREFIX.length)), fi);
    else if (name.startsWith(PAIR_PREFIX)) {
      const [a = '', b = ''] = name.slice(PAIR_PREFIX.length).split(' ');
      pair.set(idOf(a) * SHIFT + idOf(b), fi);
    } else {
      throw new ScoringError(
        'POLITENESS_FAILED',
        `${source}: unknown feature ${JSON.stringify(name)}; the model and features.ts disagree, regenerate it with pnpm train:politeness`,
      );
    }
  }
  const word = new Int32Array(wordIds.size).fill(-1);
  for (const [id, fi] of wordOf) word[id] = fi;
  return {
    bias: raw.bias,
    weights: Float64Array.from(weights),
    strategy,
    shape,
    wordIds,
    word,
    pair,
    stamp: new Uint32Array(weights.length),
    generation: 0,
  };
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
  const tokens = tokenize(text);
  const strategies = detectEnglish(text, tokens);
  const { weights, stamp, strategy, shape, wordIds, word, pair } = model;
  if (model.generation === 0xffffffff) {
    // Wrap-around: forget old stamps so a stale one cannot match the new generation.
    stamp.fill(0);
    model.generation = 0;
  }
  const gen = ++model.generation;
  let z = model.bias;
  const count = (fi: number | undefined): void => {
    if (fi !== undefined && fi >= 0 && stamp[fi] !== gen) {
      stamp[fi] = gen;
      z += weights[fi] as number;
    }
  };
  for (const s of strategies) count(strategy.get(s.name));
  for (const f of shapeFeatures(text, tokens)) count(shape.get(f));
  let prev = -1;
  for (const t of tokens as readonly Token[]) {
    const id = wordIds.get(t.norm) ?? -1;
    if (id >= 0) {
      count(word[id]);
      if (prev >= 0) count(pair.get(prev * SHIFT + id));
    }
    prev = id;
  }
  return { probability: sigmoid(z), strategies };
}

/** Reference scorer over the model file as written, used by tests to pin the loaded model to it. */
export function scoreByNames(raw: ModelFile, features: readonly string[]): number {
  let z = raw.bias;
  for (const f of new Set(features)) if (Object.hasOwn(raw.weights, f)) z += raw.weights[f] as number;
  return z;
}
