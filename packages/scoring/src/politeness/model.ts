/**
 * The trained English model: a JSON map of feature name -> weight, loaded once, synchronously,
 * when the module loads (the engine scores on a hot path and must not await a file per message).
 * At load it is compiled to integer ids so that scoring a message needs one string hash per token
 * and no string building.
 */
import { readFileSync } from 'node:fs';
import { BOS, EOS, STRATEGY_PREFIX } from './features.js';
import { sigmoid } from './logistic.js';
import { detectEnglish } from './strategies-en.js';
import { tokenize, type Token } from './tokenize.js';
import type { PolitenessResult } from './types.js';

export interface ModelFile {
  format: 'rapport-politeness-logreg/1';
  language: 'en';
  bias: number;
  training: Record<string, string | number>;
  /** Feature name -> weight; absent features weigh 0. */
  weights: Record<string, number>;
}

/**
 * Bigram key = first id * SHIFT + second id. With fewer than 2^15 tokens the key stays a small
 * integer (below 2^30), which V8 hashes much faster than a heap number.
 */
const SHIFT = 2 ** 15;

export interface CompiledModel {
  bias: number;
  /** Weight per feature index. */
  weights: Float64Array;
  /** Token -> token id (every token that occurs in a weighted unigram or bigram). */
  tokenIds: Map<string, number>;
  /** Token id -> feature index of its unigram, or -1. */
  unigram: Int32Array;
  bigram: Map<number, number>;
  strategy: Map<string, number>;
  /** Per-feature stamp of the last call that counted it: binary features without a Set per call. */
  stamp: Uint32Array;
  generation: number;
}

/** `models/` sits two levels above both `src/politeness/` and `dist/politeness/`. */
export const MODEL_URL = new URL('../../models/politeness-en.json', import.meta.url);

export function compileModel(raw: Partial<ModelFile>, source: string): CompiledModel {
  if (raw.format !== 'rapport-politeness-logreg/1' || typeof raw.bias !== 'number' || !raw.weights) {
    throw new Error(
      `${source} is not a politeness model (rapport-politeness-logreg/1); run pnpm train:politeness`,
    );
  }
  const tokenIds = new Map<string, number>();
  const idOf = (t: string): number => {
    let id = tokenIds.get(t);
    if (id === undefined) {
      id = tokenIds.size;
      tokenIds.set(t, id);
    }
    return id;
  };
  const weights: number[] = [];
  const unigramOf = new Map<number, number>();
  const bigram = new Map<number, number>();
  const strategy = new Map<string, number>();
  for (const [name, w] of Object.entries(raw.weights)) {
    if (!Number.isFinite(w)) continue;
    const fi = weights.length;
    weights.push(w);
    if (name.startsWith(STRATEGY_PREFIX)) {
      strategy.set(name.slice(STRATEGY_PREFIX.length), fi);
      continue;
    }
    const space = name.indexOf(' ');
    if (space < 0) unigramOf.set(idOf(name), fi);
    else bigram.set(idOf(name.slice(0, space)) * SHIFT + idOf(name.slice(space + 1)), fi);
  }
  if (tokenIds.size >= SHIFT) {
    throw new Error(`${source}: ${tokenIds.size} distinct tokens; the scorer supports fewer than ${SHIFT}`);
  }
  const unigram = new Int32Array(tokenIds.size).fill(-1);
  for (const [id, fi] of unigramOf) unigram[id] = fi;
  return {
    bias: raw.bias,
    weights: Float64Array.from(weights),
    tokenIds,
    unigram,
    bigram,
    strategy,
    stamp: new Uint32Array(weights.length),
    generation: 0,
  };
}

export function loadModel(url: URL = MODEL_URL): CompiledModel {
  return compileModel(JSON.parse(readFileSync(url, 'utf8')) as Partial<ModelFile>, url.pathname);
}

export function scoreWithModel(model: CompiledModel, text: string): PolitenessResult {
  const tokens = tokenize(text);
  const strategies = detectEnglish(text, tokens);
  const { weights, stamp, tokenIds, unigram, bigram } = model;
  if (model.generation === 0xffffffff) {
    // Wrap-around: forget old stamps so a stale one cannot match the new generation.
    stamp.fill(0);
    model.generation = 0;
  }
  const gen = ++model.generation;
  let z = model.bias;
  // Features are binary: the stamp marks a feature as counted for this call.
  for (const s of strategies) {
    const fi = model.strategy.get(s.name);
    if (fi !== undefined && stamp[fi] !== gen) {
      stamp[fi] = gen;
      z += weights[fi] as number;
    }
  }
  // Unknown tokens get id -1, which also rules out every bigram they are part of.
  let prev = tokenIds.get(BOS) ?? -1;
  const eos = tokenIds.get(EOS) ?? -1;
  const n = tokens.length;
  for (let k = 0; k <= n; k++) {
    const id = k < n ? (tokenIds.get((tokens[k] as Token).norm) ?? -1) : eos;
    if (id >= 0) {
      const uni = k < n ? (unigram[id] as number) : -1;
      if (uni >= 0 && stamp[uni] !== gen) {
        stamp[uni] = gen;
        z += weights[uni] as number;
      }
      if (prev >= 0) {
        const bi = bigram.get(prev * SHIFT + id);
        if (bi !== undefined && stamp[bi] !== gen) {
          stamp[bi] = gen;
          z += weights[bi] as number;
        }
      }
    }
    prev = id;
  }
  return { probability: sigmoid(z), strategies };
}

/** Reference scorer over feature names, used by tests to pin the compiled scorer to training. */
export function scoreByNames(raw: ModelFile, features: readonly string[]): number {
  let z = raw.bias;
  for (const f of new Set(features)) if (Object.hasOwn(raw.weights, f)) z += raw.weights[f] as number;
  return z;
}
