/**
 * Politeness of one message: a logistic-regression model over the politeness strategies of
 * Danescu-Niculescu-Mizil et al. (ACL 2013) and n-grams for English, trained on the Stanford
 * Politeness Corpus (see packages/scoring/models/README.md); a hand-weighted rule set for Danish.
 */
import { scoreDanish } from './danish.js';
import { loadModel, scoreWithModel } from './model.js';
import type { PolitenessResult } from './types.js';

export type { PolitenessResult, PolitenessStrategy } from './types.js';

const english = loadModel();

export function scorePoliteness(text: string, lang: 'en' | 'da'): PolitenessResult {
  return lang === 'da' ? scoreDanish(text) : scoreWithModel(english, text);
}
