import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ScoringError } from '../errors.js';
import type { SupportedLanguage } from './types.js';

/**
 * AFINN sentiment word lists: English AFINN-165 as shipped by the `sentiment` package, Danish
 * AFINN-da (Finn Årup Nielsen, Apache-2.0; see lexicons/LICENSE-AFINN and CITATION-AFINN),
 * shipped inside this package so a built deployment does not depend on the repository layout.
 * Loaded synchronously once at module load.
 */
export interface AfinnLexicon {
  /** Single words to valence (-5..5). */
  words: ReadonlyMap<string, number>;
  /** Multi-word entries ("fungerer ikke") keyed by their words joined with a space. */
  phrases: ReadonlyMap<string, number>;
  /** Longest multi-word entry, in words. */
  maxPhraseWords: number;
  negators: ReadonlySet<string>;
}

const require = createRequire(import.meta.url);

function loadEnglish(): AfinnLexicon {
  const labels = require('sentiment/languages/en/labels.json') as Record<string, number>;
  const negators = require('sentiment/languages/en/negators.json') as Record<string, number>;
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  let maxPhraseWords = 1;
  for (const [k, v] of Object.entries(labels)) {
    const parts = k.split(' ');
    if (parts.length > 1) {
      phrases.set(k, v);
      maxPhraseWords = Math.max(maxPhraseWords, parts.length);
    } else words.set(k, v);
  }
  return { words, phrases, maxPhraseWords, negators: new Set(Object.keys(negators)) };
}

export function parseAfinnTsv(text: string, source: string): Omit<AfinnLexicon, 'negators'> {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  let maxPhraseWords = 1;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.lastIndexOf('\t');
    const value = Number(line.slice(tab + 1));
    if (tab <= 0 || !Number.isInteger(value) || value < -5 || value > 5)
      throw new ScoringError('LEXICON_INVALID', `${source} line ${i + 1}: expected "word<TAB>valence"`);
    const key = line.slice(0, tab).trim().toLowerCase();
    const parts = key.split(/\s+/);
    if (parts.length > 1) {
      phrases.set(parts.join(' '), value);
      maxPhraseWords = Math.max(maxPhraseWords, parts.length);
    } else words.set(key, value);
  });
  return { words, phrases, maxPhraseWords };
}

function loadDanish(): AfinnLexicon {
  const file = new URL('../../lexicons/AFINN-da-32.txt', import.meta.url);
  const parsed = parseAfinnTsv(readFileSync(file, 'utf8'), 'AFINN-da-32.txt');
  return { ...parsed, negators: new Set(['ikke', 'aldrig', 'ingen', 'intet']) };
}

export const AFINN: Readonly<Record<SupportedLanguage, AfinnLexicon>> = {
  en: loadEnglish(),
  da: loadDanish(),
};
