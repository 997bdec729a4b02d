/**
 * The positive/negative lexicon of the politeness strategies. The paper used Liu & Hu's opinion
 * lexicon; AFINN-165 (MIT, shipped by the `sentiment` package already in this engine) plays the
 * same role and saves shipping a second word list.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const afinn = require('sentiment/languages/en/labels.json') as Record<string, number>;

/** Word -> AFINN valence (-5..5). A Map, because the JSON object would also answer "constructor". */
export const AFINN: ReadonlyMap<string, number> = new Map(
  Object.entries(afinn).filter(([, v]) => typeof v === 'number' && v !== 0),
);
