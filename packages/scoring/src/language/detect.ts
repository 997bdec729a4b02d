import { franc } from 'franc-min';
import { LEXICONS } from '../lexicons/index.js';
import type { Token } from '../text/tokenize.js';

export type DetectionMethod = 'given' | 'function_words' | 'franc' | 'fallback';

export interface LanguageDecision {
  /** ISO 639-1 where known ("en", "da", "de"), else what the producer or detector said. */
  code: string;
  detected: boolean;
  supported: boolean;
  method: DetectionMethod;
  /** 0-1: share of the function-word evidence that went to the chosen language. */
  confidence: number;
}

/**
 * Function words of languages close to ours, so Swedish, Norwegian or German text is not scored
 * as Danish or English. franc-min does not know Danish (it has only languages with 8M+ speakers)
 * and costs ~0.5 ms per call, so it is the fallback, not the first step.
 */
const OTHER_FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  de: [
    'ich',
    'und',
    'nicht',
    'ist',
    'das',
    'sie',
    'ein',
    'eine',
    'auf',
    'zu',
    'bitte',
    'danke',
    'haben',
    'wir',
    'es',
    'sind',
    'nein',
    'mein',
    'ihre',
    'ihr',
    'kann',
    'mit',
    'auch',
    'noch',
    'wie',
    'hallo',
    'wurde',
    'nach',
    'aber',
    'dass',
    'schon',
  ],
  sv: [
    'jag',
    'och',
    'inte',
    'är',
    'för',
    'av',
    'till',
    'hur',
    'vad',
    'mycket',
    'också',
    'tack',
    'hälsningar',
    'ni',
    'mitt',
    'att',
    'bara',
    'kommer',
    'skulle',
  ],
  no: [
    'hva',
    'noe',
    'mye',
    'ikkje',
    'takk',
    'hei',
    'meg',
    'deg',
    'nå',
    'av',
    'mitt',
    'hvorfor',
    'noen',
    'fått',
    'kjøpt',
  ],
  nl: [
    'het',
    'een',
    'niet',
    'ik',
    'je',
    'van',
    'dat',
    'zijn',
    'wij',
    'mijn',
    'bedankt',
    'hallo',
    'graag',
    'kunt',
    'u',
    'uw',
    'voor',
    'met',
    'op',
  ],
  fr: [
    'le',
    'la',
    'les',
    'je',
    'vous',
    'est',
    'pas',
    'et',
    'une',
    'des',
    'pour',
    'merci',
    'bonjour',
    'mon',
    'votre',
    'que',
    'qui',
    'avec',
    'dans',
  ],
  es: [
    'el',
    'la',
    'que',
    'es',
    'por',
    'para',
    'una',
    'los',
    'gracias',
    'hola',
    'mi',
    'su',
    'con',
    'pero',
    'muy',
    'está',
    'tengo',
    'usted',
  ],
};

// Words that tell Norwegian and Swedish from Danish (they share most function words).
const NOT_DANISH: Readonly<Record<string, readonly string[]>> = {
  no: ['hva', 'noe', 'mye', 'ikkje', 'takk', 'hei', 'meg', 'deg', 'nå', 'noen'],
  sv: ['jag', 'och', 'inte', 'är', 'hur', 'vad', 'mycket', 'också', 'tack', 'att'],
};

const FUNCTION_WORDS = new Map<string, Map<string, number>>();
function addWords(lang: string, words: readonly string[], weight: number) {
  for (const w of words) {
    let m = FUNCTION_WORDS.get(w);
    if (!m) FUNCTION_WORDS.set(w, (m = new Map<string, number>()));
    m.set(lang, (m.get(lang) ?? 0) + weight);
  }
}
addWords('en', LEXICONS.en.functionWords, 1);
addWords('da', LEXICONS.da.functionWords, 1);
for (const [lang, words] of Object.entries(OTHER_FUNCTION_WORDS)) addWords(lang, words, 1);
// Distinctive words weigh more, so a shared vocabulary does not decide on its own.
for (const [lang, words] of Object.entries(NOT_DANISH)) addWords(lang, words, 2);

const ISO3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en',
  dan: 'da',
  deu: 'de',
  swe: 'sv',
  nob: 'no',
  nno: 'no',
  nld: 'nl',
  fra: 'fr',
  spa: 'es',
  por: 'pt',
  ita: 'it',
  pol: 'pl',
  tur: 'tr',
  rus: 'ru',
  ukr: 'uk',
  ron: 'ro',
  hun: 'hu',
  ces: 'cs',
  fin: 'fi',
  arb: 'ar',
  hin: 'hi',
  ind: 'id',
  vie: 'vi',
  sco: 'en',
};

/** Normalises a producer's BCP-47 tag ("da-DK", "EN", "eng") to the code we score by. */
export function languageCodeOf(tag: string): string {
  const primary = (tag.split('-')[0] ?? tag).toLowerCase();
  return ISO3_TO_1[primary] ?? primary;
}

const MAX_TOKENS = 600;
const MAX_FRANC_CHARS = 1500;

export interface DetectionInput {
  given: string | undefined;
  /** Tokens of the agent and customer messages, in order. */
  tokens: readonly (readonly Token[])[];
  texts: readonly string[];
  fallback: string;
  minDetectChars: number;
  isSupported: (code: string) => boolean;
}

function hasDanishLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 0xe6 || c === 0xf8 || c === 0xe5) return true;
  }
  return false;
}

export function decideLanguage(input: DetectionInput): LanguageDecision {
  const { isSupported } = input;
  if (input.given !== undefined) {
    const code = languageCodeOf(input.given);
    return { code, detected: false, supported: isSupported(code), method: 'given', confidence: 1 };
  }
  const scores = new Map<string, number>();
  let seen = 0;
  let hasDanishLetters = false;
  outer: for (const list of input.tokens) {
    for (const t of list) {
      if (seen++ >= MAX_TOKENS) break outer;
      const hits = FUNCTION_WORDS.get(t.norm);
      if (hits) for (const [lang, w] of hits) scores.set(lang, (scores.get(lang) ?? 0) + w);
      if (!hasDanishLetters) hasDanishLetters = hasDanishLetter(t.norm);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, v]) => s + v, 0);
  const [best, second] = ranked;
  if (best && best[1] >= 3 && best[1] >= 1.5 * (second?.[1] ?? 0)) {
    const code = best[0];
    return {
      code,
      detected: true,
      supported: isSupported(code),
      method: 'function_words',
      confidence: best[1] / total,
    };
  }
  let chars = 0;
  const parts: string[] = [];
  for (const t of input.texts) {
    if (chars >= MAX_FRANC_CHARS) break;
    const part = t.slice(0, MAX_FRANC_CHARS - chars);
    parts.push(part);
    chars += part.length + 1;
  }
  const sample = parts.join('\n');
  if (sample.trim().length >= input.minDetectChars) {
    const iso3 = franc(sample, { minLength: input.minDetectChars });
    if (iso3 !== 'und') {
      let code = ISO3_TO_1[iso3] ?? iso3;
      // franc-min has no Danish: Danish letters plus Danish function words win over its guess.
      if (hasDanishLetters && (scores.get('da') ?? 0) >= (scores.get(code) ?? 0)) code = 'da';
      return {
        code,
        detected: true,
        supported: isSupported(code),
        method: 'franc',
        confidence: total > 0 ? (scores.get(code) ?? 0) / total : 0,
      };
    }
  }
  // Too little text to tell: Danish letters or Danish function words decide, else the policy's fallback.
  const code =
    hasDanishLetters || (best?.[0] === 'da' && best[1] > (second?.[1] ?? 0))
      ? 'da'
      : best && best[1] > (second?.[1] ?? 0)
        ? best[0]
        : input.fallback;
  return { code, detected: true, supported: isSupported(code), method: 'fallback', confidence: 0 };
}
