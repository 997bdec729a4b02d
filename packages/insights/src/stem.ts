import { createRequire } from 'node:module';
import { stemDanish } from './danish-stemmer.js';

// Only the stemmer module: natural's index loads storage adapters (see the lint rule).
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem: (word: string) => string;
};

/**
 * The merge key of a keyphrase: each word stemmed in the interaction's language (Porter for
 * English, Snowball-style for Danish, the word itself otherwise), so "late delivery" and
 * "late deliveries" or "pakken" and "pakker" count as one topic.
 */
export function topicKey(text: string, language: string): string {
  const stem = language === 'en' ? porter.stem : language === 'da' ? stemDanish : undefined;
  const words = text.toLowerCase().split(' ');
  return stem === undefined ? words.join(' ') : words.map((w) => stem(w)).join(' ');
}
