import { DA } from './da.js';
import { EN } from './en.js';
import { PHRASE_CATEGORIES, type Lexicon, type PhraseCategory, type SupportedLanguage } from './types.js';

export * from './types.js';
export { AFINN } from './afinn.js';

export const LEXICONS: Readonly<Record<SupportedLanguage, Lexicon>> = { en: EN, da: DA };

/** Word lists as sets, built once per language (the hot path looks words up, never scans lists). */
export interface LexiconSets {
  stopwords: ReadonlySet<string>;
  agentNeutralSentiment: ReadonlySet<string>;
  courtesyWords: ReadonlySet<string>;
  imperativeVerbs: ReadonlySet<string>;
}

function setsOf(lex: Lexicon): LexiconSets {
  return {
    stopwords: new Set(lex.stopwords),
    agentNeutralSentiment: new Set(lex.agentNeutralSentiment),
    courtesyWords: new Set(lex.courtesyWords),
    imperativeVerbs: new Set(lex.imperativeVerbs),
  };
}

export const LEXICON_SETS: Readonly<Record<SupportedLanguage, LexiconSets>> = {
  en: setsOf(EN),
  da: setsOf(DA),
};

export { PHRASE_CATEGORIES, type PhraseCategory };

export function isSupportedLanguage(code: string): code is SupportedLanguage {
  return code === 'en' || code === 'da';
}
