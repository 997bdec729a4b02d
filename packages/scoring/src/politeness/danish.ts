/**
 * Danish politeness: HEURISTIC, NOT TRAINED. There is no annotated Danish politeness data, so
 * this is a rule-based strategy detector with hand-set weights summed and mapped through the
 * logistic function. The weights mirror the sign and rough size that the English model learned
 * for the same strategies; they have not been validated on Danish text, so the probability is an
 * ordering signal (more polite > less polite), not a calibrated frequency.
 */
import { sigmoid } from './logistic.js';
import { tokenize, type Token } from './tokenize.js';
import type { PolitenessResult, PolitenessStrategy } from './types.js';

/** Hand-set log-odds per strategy; each strategy counts once however often it occurs. */
export const DA_WEIGHTS = {
  gratitude: 1.4,
  please: 0.6,
  apology: 0.6,
  greeting: 0.6,
  counterfactual_modal: 1.0,
  indicative_modal: 0.4,
  hedge: 0.5,
  positive_lexicon: 0.4,
  indirect_btw: 0.3,
  first_person_plural: 0.1,
  direct_question: -0.6,
  direct_start: -0.2,
  imperative_start: -0.8,
  obligation: -0.8,
  negative_lexicon: -1.2,
} as const;
export type DaStrategy = keyof typeof DA_WEIGHTS;

/** A neutral statement ("Din ordre er afsendt.") sits at 0.5. */
const DA_BIAS = 0;

// Word classes as bit flags: one Map lookup per word tells every class it belongs to.
const GRATITUDE = 1 << 0;
const APOLOGY = 1 << 1;
const GREETING = 1 << 2;
const HEDGE = 1 << 3;
const WH = 1 << 4;
const DIRECT_START = 1 << 5;
const IMPERATIVE = 1 << 6;
const POSITIVE = 1 << 7;
const NEGATIVE = 1 << 8;
const FIRST_PLURAL = 1 << 9;
const DAYTIME = 1 << 10;
/** Words that may start a multi-word cue or a modal/directive pair. */
const PAIR = 1 << 11;

const LEX = new Map<string, number>();
function define(flag: number, words: string): void {
  for (const w of words.split(' ')) LEX.set(w, (LEX.get(w) ?? 0) | flag);
}
define(GRATITUDE, 'tak takker takke taknemmelig taknemlig tusindtak');
define(APOLOGY, 'undskyld undskylder undskyldning beklager beklag beklageligvis desværre');
define(GREETING, 'hej hejsa hallo goddag godmorgen godaften davs kære mvh');
define(HEDGE, 'måske muligvis eventuelt evt sandsynligvis formentlig vist tror synes håber mon');
define(WH, 'hvad hvorfor hvem hvordan hvornår');
define(DIRECT_START, 'så og men eller');
define(
  IMPERATIVE,
  'ret send gør giv stop hold læs svar skriv ring kom se tjek fiks lad find hent slet fjern tag husk',
);
define(POSITIVE, 'glad glade dejlig dejligt fantastisk super perfekt flot fint hjælpsom venlig god godt');
define(
  NEGATIVE,
  'dum dumt dumme idiot idiotisk elendig elendigt latterlig latterligt pinligt irriterende uduelig ' +
    'inkompetent lort pis fanden fandme skide håbløs håbløst åndssvag',
);
define(FIRST_PLURAL, 'vi os vores');
define(DAYTIME, 'morgen dag aften eftermiddag');
define(PAIR, 'venligst vær god venlig forresten btw i kunne ville gider vil kan du');

function add(out: PolitenessStrategy[], text: string, name: DaStrategy, from: Token, to: Token = from): void {
  out.push({ name, start: from.start, end: to.end, text: text.slice(from.start, to.end) });
}

/** Plural "I" (you) is capitalised in Danish; lower-case "i" is the preposition "in". */
function isYou(text: string, t: Token | undefined): boolean {
  return t !== undefined && (t.norm === 'du' || (t.norm === 'i' && text.charCodeAt(t.start) === 0x49));
}

export function detectDanish(text: string, tokens: readonly Token[]): PolitenessStrategy[] {
  const out: PolitenessStrategy[] = [];
  const words: Token[] = [];
  for (const t of tokens) if (t.isWord) words.push(t);
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as Token;
    const f = LEX.get(w.norm);
    if (f === undefined) continue;
    const next = words[k + 1];

    if (f & GRATITUDE) {
      // "mange tak" / "tusind tak": the intensifier belongs in the evidence span.
      const prev = words[k - 1];
      const intensified = prev !== undefined && (prev.norm === 'mange' || prev.norm === 'tusind');
      add(out, text, 'gratitude', intensified ? prev : w, w);
    } else if (f & APOLOGY) add(out, text, 'apology', w);
    else if (f & GREETING) add(out, text, 'greeting', w);
    else if (f & HEDGE) add(out, text, 'hedge', w);
    else if (f & NEGATIVE) add(out, text, 'negative_lexicon', w);
    else if (f & FIRST_PLURAL) add(out, text, 'first_person_plural', w);
    else if (!(f & PAIR && pair(w, next, words[k + 2], out, text)) && f & POSITIVE)
      add(out, text, 'positive_lexicon', w);

    if (w.sentenceStart) {
      if (f & WH) add(out, text, 'direct_question', w);
      else if (f & DIRECT_START) add(out, text, 'direct_start', w);
      else if (f & IMPERATIVE) add(out, text, 'imperative_start', w);
    }
  }
  return out;
}

/** Two- and three-word cues; returns whether `w` started one that claims it. */
function pair(
  w: Token,
  next: Token | undefined,
  after: Token | undefined,
  out: PolitenessStrategy[],
  text: string,
): boolean {
  const b = next?.norm;
  switch (w.norm) {
    case 'venligst':
      add(out, text, 'please', w);
      return true;
    case 'vær':
      // "vær venlig at" / "vær så venlig": "vær" alone is just "be".
      if (b === 'venlig') add(out, text, 'please', w, next);
      else if (b === 'så' && after?.norm === 'venlig') add(out, text, 'please', w, after);
      return false;
    case 'god':
      if (next !== undefined && (LEX.get(next.norm) ?? 0) & DAYTIME) {
        add(out, text, 'greeting', w, next);
        return true;
      }
      return false;
    case 'venlig':
      if (b === 'hilsen') {
        add(out, text, 'greeting', w, next);
        return true;
      }
      return false;
    case 'forresten':
    case 'btw':
      add(out, text, 'indirect_btw', w);
      return true;
    case 'i':
      if (b === 'øvrigt') add(out, text, 'indirect_btw', w, next);
      // Plural "I" followed by skal/må: a directive.
      else if (isYou(text, w) && (b === 'skal' || b === 'må')) add(out, text, 'obligation', w, next);
      return false;
    case 'du':
      // "du skal ..." / "du må ...": a directive; "må jeg" (may I) is a polite question.
      if (b === 'skal' || b === 'må') add(out, text, 'obligation', w, next);
      return false;
    case 'kunne':
    case 'ville':
    case 'gider':
      if (isYou(text, next)) add(out, text, 'counterfactual_modal', w, next);
      return false;
    case 'vil':
    case 'kan':
      if (isYou(text, next)) add(out, text, 'indicative_modal', w, next);
      return false;
    default:
      return false;
  }
}

export function scoreDanish(text: string): PolitenessResult {
  const strategies = detectDanish(text, tokenize(text));
  const seen = new Set<string>();
  let z = DA_BIAS;
  for (const s of strategies) {
    if (seen.has(s.name)) continue;
    seen.add(s.name);
    z += DA_WEIGHTS[s.name as DaStrategy];
  }
  return { probability: sigmoid(z), strategies };
}
