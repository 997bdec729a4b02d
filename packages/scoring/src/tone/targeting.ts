import type { SupportedLanguage } from '../lexicons/index.js';
import type { Token } from '../text/tokenize.js';

/**
 * Whom an insulting word is aimed at. "You are an idiot" insults the customer; "I'm an idiot",
 * "silly me", "stupid of me" are the speaker's self-deprecation; "this stupid printer" is about a
 * thing. Only the first is an insult to the customer, and second-person aim makes it worse.
 */
export type Target = 'customer' | 'self' | 'thing' | 'none';

const SECOND: Record<SupportedLanguage, ReadonlySet<string>> = {
  // Possessives are left out: "your order" describes the order, not the customer.
  en: new Set(['you', "you're", 'youre', 'yourself', 'yourselves', 'u', "you've", "you'd"]),
  // "din idiot", "dit fjols" are how Danish insults address someone, so possessives count there.
  da: new Set(['du', 'dig', 'din', 'dit', 'dine', 'jer', 'jeres']),
};
const FIRST: Record<SupportedLanguage, ReadonlySet<string>> = {
  en: new Set([
    'i',
    "i'm",
    'im',
    'me',
    'my',
    'myself',
    "i've",
    "i'd",
    'we',
    "we're",
    'us',
    'our',
    'ourselves',
  ]),
  da: new Set(['jeg', 'mig', 'min', 'mit', 'mine', 'vi', 'os', 'vores']),
};
/** Words that point at a thing right before the insult ("this stupid printer", "det dumme system"). */
const THING: Record<SupportedLanguage, ReadonlySet<string>> = {
  en: new Set(['this', 'that', 'the', 'these', 'those', 'it', "it's", 'its', 'such']),
  da: new Set(['den', 'det', 'denne', 'dette', 'de', 'disse', 'sådan', 'sådant']),
};
/** "stupid of me", "dumt af mig": the word after names the target. */
const OF: Record<SupportedLanguage, ReadonlySet<string>> = { en: new Set(['of']), da: new Set(['af']) };

/** How far back in the clause a pronoun still governs the insult ("you are such a complete idiot"). */
const LOOK_BACK = 6;

/** Whom tokens [first, end) of a message are aimed at; `none` when the clause says nothing. */
export function targetOf(
  tokens: readonly Token[],
  first: number,
  end: number,
  lang: SupportedLanguage,
): Target {
  const next = tokens[end];
  const after = tokens[end + 1];
  const nextInClause = next !== undefined && !next.breakBefore;
  if (nextInClause) {
    if (next.norm === 'me' || next.norm === 'mig') return 'self'; // "silly me"
    if (OF[lang].has(next.norm) && after !== undefined && !after.breakBefore) {
      if (FIRST[lang].has(after.norm)) return 'self';
      if (SECOND[lang].has(after.norm)) return 'customer';
    }
  }
  // "this stupid printer", "det dumme system": a determiner right before and a noun right after.
  const prev = tokens[first - 1];
  const head = tokens[first] as Token;
  if (prev !== undefined && !head.breakBefore && THING[lang].has(prev.norm) && nextInClause) return 'thing';
  // Otherwise the nearest person in the clause decides; a thing-word only when no person is named.
  let thing = false;
  for (let k = first - 1, steps = 0; k >= 0 && steps < LOOK_BACK; k--, steps++) {
    const t = tokens[k] as Token;
    if (tokens[k + 1] !== undefined && (tokens[k + 1] as Token).breakBefore) break;
    if (SECOND[lang].has(t.norm)) return 'customer';
    if (FIRST[lang].has(t.norm)) return 'self';
    if (THING[lang].has(t.norm)) thing = true;
  }
  return thing ? 'thing' : 'none';
}

/** True when a second-person word is inside tokens [first, end) or right before them ("you idiot"). */
export function addressesYou(
  tokens: readonly Token[],
  first: number,
  end: number,
  lang: SupportedLanguage,
): boolean {
  for (let k = Math.max(0, first - 1); k < end; k++)
    if (SECOND[lang].has((tokens[k] as Token).norm)) return true;
  return false;
}
