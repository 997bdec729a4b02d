/**
 * Feature extraction of the English model: the politeness strategies, every token (unigram) and
 * every pair of adjacent tokens (bigram, with text-boundary markers so that "<s> could" captures a
 * request's opening and "? </s>" its ending). Features are binary.
 *
 * Training names features as strings (`extractFeatures`); scoring walks the same tokens with
 * integer ids (model.ts) to avoid building strings on the hot path. A unit test checks that both
 * give the same sum for the same weights.
 */
import { detectEnglish } from './strategies-en.js';
import { tokenize } from './tokenize.js';
import type { PolitenessStrategy } from './types.js';

export const BOS = '<s>';
export const EOS = '</s>';
/** Strategy features carry a prefix that no token can have (':' always splits tokens). */
export const STRATEGY_PREFIX = 's:';

export const bigramName = (a: string, b: string): string => a + ' ' + b;

export interface Extracted {
  strategies: PolitenessStrategy[];
  /** Feature names; may repeat (the model treats features as binary). */
  features: string[];
}

export function extractFeatures(text: string): Extracted {
  const tokens = tokenize(text);
  const strategies = detectEnglish(text, tokens);
  const features: string[] = [];
  for (const s of strategies) features.push(STRATEGY_PREFIX + s.name);
  let prev = BOS;
  for (const t of tokens) {
    features.push(t.norm);
    features.push(bigramName(prev, t.norm));
    prev = t.norm;
  }
  features.push(bigramName(prev, EOS));
  return { strategies, features };
}
