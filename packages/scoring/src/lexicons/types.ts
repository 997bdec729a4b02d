export const SUPPORTED_LANGUAGES = ['en', 'da'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Phrase categories matched in one pass over each message (see text/phrases.ts for the syntax). */
export const PHRASE_CATEGORIES = [
  'condescension',
  'rudeness',
  'insult',
  'profanity',
  'dismissive',
  'blame',
  'hedging',
  'overpromise',
  'customerCorrection',
  'customerConfusion',
  'customerFrustration',
  'abuseTowardAgent',
  'jargon',
  'agentEmpathy',
] as const;
export type PhraseCategory = (typeof PHRASE_CATEGORIES)[number];

/** Everything language-specific the engine knows about one language. */
export interface Lexicon {
  language: SupportedLanguage;
  phrases: Record<PhraseCategory, readonly string[]>;
  /** AFINN words that are ordinary help-desk vocabulary in an agent's mouth ("sorry", "problem"). */
  agentNeutralSentiment: readonly string[];
  /** Words of courtesy ("thanks", "please", "sorry", "tak", "undskyld"). */
  courtesyWords: readonly string[];
  /** Verbs that open a bare command ("Send a photo.", "Log in and change it."). */
  imperativeVerbs: readonly string[];
  /** Frequent function words, for language detection. */
  functionWords: readonly string[];
  /** Words without content, ignored when matching a question to its answer. */
  stopwords: readonly string[];
  numberWords: Readonly<Record<string, number>>;
  durationUnits: Readonly<Record<string, DurationUnit>>;
  /** Words between a number and its unit that do not change it ("3 business days"). */
  unitQualifiers: readonly string[];
  /** Currency words after or before a number, to ISO code. */
  currencies: Readonly<Record<string, string>>;
  percentWords: readonly string[];
  /** Words marking a range between two numbers ("3 to 5", "3 til 5"). */
  rangeWords: readonly string[];
  /** Default claim topics for contradiction checks: topic -> cue phrases. */
  topics: Readonly<Record<string, readonly string[]>>;
}
