import type { Severity } from '@rapport/schemas';
import type { PreparedMessage } from '../engine/prepared.js';
import type { AfinnLexicon } from '../lexicons/afinn.js';
import type { SupportedLanguage } from '../lexicons/index.js';
import { isNegated } from '../text/phrases.js';
import type { Token } from '../text/tokenize.js';
import type { OwnWords } from './own-words.js';
import { targetOf } from './targeting.js';

/** What a tone phrase match means in its context. */
export type Verdict =
  /** Not the agent's own words, denied, or aimed at the agent themself or at a thing. */
  | { kind: 'ignore' }
  /** Counts; `severity` overrides the policy's when the context says more. */
  | { kind: 'count'; severity?: Severity };

const IGNORE: Verdict = { kind: 'ignore' };
const COUNT: Verdict = { kind: 'count' };

function anyForeign(foreign: Uint8Array, first: number, end: number): boolean {
  for (let k = first; k < end; k++) if (foreign[k] === 1) return true;
  return false;
}

/** "damn good", "bloody brilliant", "pisse godt": a swear word intensifying praise. */
export function isEnthusiastic(tokens: readonly Token[], end: number, afinn: AfinnLexicon): boolean {
  for (let k = end; k < tokens.length && k < end + 2; k++) {
    const t = tokens[k] as Token;
    if (t.breakBefore) return false;
    const v = afinn.words.get(t.norm);
    if (v !== undefined) return v > 0;
  }
  return false;
}

export interface MatchSpan {
  category: string;
  firstToken: number;
  endToken: number;
}

/**
 * Judges one agent phrase match: quoted or echoed words are not the agent's; an insult denied,
 * self-directed or about a thing is no insult to the customer; one aimed at "you" is high; a
 * swear word praising something is low.
 */
export function judgeMatch(
  m: PreparedMessage,
  match: MatchSpan,
  own: OwnWords,
  lang: SupportedLanguage,
  afinn: AfinnLexicon,
): Verdict {
  const { firstToken: first, endToken: end, category } = match;
  if (category !== 'insult' && category !== 'profanity') {
    return anyForeign(own.foreign(m), first, end) ? IGNORE : COUNT;
  }
  if (anyForeign(own.foreign(m), first, end)) return IGNORE;
  const tokens = m.tokens;
  const target = targetOf(tokens, first, end, lang);
  if (category === 'insult') {
    if (isNegated(tokens, first)) return IGNORE;
    if (target === 'self' || target === 'thing') return IGNORE;
    if (target === 'customer') return { kind: 'count', severity: 'high' };
  } else {
    const next = tokens[end];
    const atYou = next !== undefined && !next.breakBefore && (next.norm === 'you' || next.norm === 'dig');
    if (atYou || target === 'customer') return { kind: 'count', severity: 'high' };
    if (isEnthusiastic(tokens, end, afinn)) return { kind: 'count', severity: 'low' };
  }
  // A word the customer used first, not aimed at them, is the agent answering in their terms.
  if (end - first === 1 && own.customerSaid(m, (tokens[first] as Token).norm)) return IGNORE;
  return COUNT;
}
