/**
 * Politeness of agent text: the English request model (logistic regression over the politeness
 * strategies of Danescu-Niculescu-Mizil et al., ACL 2013, and domain-general features, trained on
 * the Stanford Politeness Corpus; see packages/scoring/models/README.md), a hand-weighted rule set
 * for Danish requests, the markers of warmth and talking down, and which sentences are requests.
 */
import { detectDanish, scoreDanish } from './danish.js';
import { loadModel, scoreWithModel } from './model.js';
import { detectEnglish } from './strategies-en.js';
import { tokenize } from './tokenize.js';
import type { PolitenessResult, PolitenessStrategy } from './types.js';

export type { PolitenessResult, PolitenessStrategy } from './types.js';
export { MARKERS, MARKER_KINDS, type MarkerKind } from './markers.js';
export { readSentence, type SentenceKind, type SentenceReading } from './requests.js';

const english = loadModel();

/** How polite a request is (0..1) and the strategies it uses. */
export function scorePoliteness(text: string, lang: 'en' | 'da'): PolitenessResult {
  return lang === 'da' ? scoreDanish(text) : scoreWithModel(english, text);
}

/** The strategies of any text (greeting, gratitude, apology, please ...), without the model. */
export function detectStrategies(text: string, lang: 'en' | 'da'): PolitenessStrategy[] {
  const tokens = tokenize(text);
  return lang === 'da' ? detectDanish(text, tokens) : detectEnglish(text, tokens);
}
