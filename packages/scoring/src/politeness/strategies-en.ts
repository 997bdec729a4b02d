/**
 * English politeness strategies after Danescu-Niculescu-Mizil et al. (ACL 2013), detected on
 * tokens with ONE hash lookup per word (no parser, no regexes) so that a message costs a couple of
 * microseconds. The word lists are this project's own, written from the strategy definitions in
 * the paper.
 */
import { AFINN } from './lexicon.js';
import type { Token } from './tokenize.js';
import type { PolitenessStrategy } from './types.js';

export const EN_STRATEGIES = [
  'gratitude',
  'deference',
  'greeting',
  'apology',
  'please',
  'please_start',
  'hedge',
  'indirect_btw',
  'direct_question',
  'direct_start',
  'counterfactual_modal',
  'indicative_modal',
  'subjunctive',
  'first_person_start',
  'first_person_plural',
  'first_person',
  'second_person',
  'second_person_start',
  'positive_lexicon',
  'negative_lexicon',
  'factuality',
  'imperative_start',
] as const;
export type EnStrategy = (typeof EN_STRATEGIES)[number];

// Word classes as bit flags, so one Map lookup tells every class a word belongs to.
const GRATITUDE = 1 << 0;
const APOLOGY = 1 << 1;
const PLEASE = 1 << 2;
const HEDGE = 1 << 3;
const FACT = 1 << 4;
const WH = 1 << 5;
const DIRECT_START = 1 << 6;
const GREETING = 1 << 7;
const DAYTIME = 1 << 8;
const DEFERENCE = 1 << 9;
const FIRST = 1 << 10;
const FIRST_PLURAL = 1 << 11;
const SECOND = 1 << 12;
const YOU = 1 << 13;
const COUNTERFACTUAL = 1 << 14;
const INDICATIVE = 1 << 15;
const IMPERATIVE = 1 << 16;
const POSITIVE = 1 << 17;
const NEGATIVE = 1 << 18;
/** Words that start a multi-word cue ("by the way", "in fact", "excuse me", "sort of"). */
const PHRASE = 1 << 19;
/** Words whose strategy says more than their lexicon valence does. */
const NOT_LEXICON = 1 << 20;

const LEX = new Map<string, number>();
function define(flag: number, words: string): void {
  for (const w of words.split(' ')) LEX.set(w, (LEX.get(w) ?? 0) | flag);
}
// AFINN's multi-word entries ("not good") can never match one token; splitting them would be wrong.
for (const [w, v] of AFINN) if (!w.includes(' ')) LEX.set(w, v > 0 ? POSITIVE : NEGATIVE);
define(
  GRATITUDE | NOT_LEXICON,
  'thank thanks thankyou thanx thx tnx appreciate appreciated appreciates appreciating appreciation grateful gratitude',
);
define(
  APOLOGY | NOT_LEXICON,
  'sorry apologize apologise apologized apologised apologizing apologising apologies apology oops whoops woops pardon regret regrets',
);
define(PLEASE | NOT_LEXICON, 'please pls plz plse');
define(
  HEDGE,
  'think thought believe suggest suggested suggestion guess maybe perhaps possibly possible probably likely unlikely ' +
    'seem seems seemed appear appears apparently might somewhat presumably assume assuming suppose supposedly ' +
    'wonder wondering wondered hopefully hope tend tends generally usually mostly almost roughly essentially ' +
    'doubt unclear unsure',
);
define(FACT, 'actually really honestly truly surely');
define(WH, "what why who whom whose how where when which what's why's how's where's who's");
define(DIRECT_START, 'so then and but or');
define(GREETING | NOT_LEXICON, 'hi hello hey hiya heya greetings howdy dear');
define(DAYTIME, 'morning afternoon evening day');
define(
  DEFERENCE,
  'great good nice interesting cool excellent awesome wonderful fantastic brilliant impressive amazing',
);
define(FIRST, "i me my mine myself i'm i've i'd i'll im");
define(FIRST_PLURAL, "we us our ours ourselves we're we've we'd we'll let's");
define(SECOND, "you your yours yourself yourselves u ur ya you're you've you'd you'll youre");
define(YOU, 'you u ya');
define(COUNTERFACTUAL, 'could would');
define(INDICATIVE, "can will can't won't");
define(
  IMPERATIVE,
  "fix stop do don't give send tell read look check go get make see remove change add put try use call " +
    'answer explain keep leave move revert undo quit show delete reply respond provide',
);
define(PHRASE, 'excuse forgive btw by in the sort kind');
define(NOT_LEXICON, 'like want yes no');

const flagsOf = (t: Token | undefined): number => (t === undefined ? 0 : (LEX.get(t.norm) ?? 0));

/** Detects the strategies in tokenized text. Spans may overlap (e.g. "you" in "could you"). */
export function detectEnglish(text: string, tokens: readonly Token[]): PolitenessStrategy[] {
  const out: PolitenessStrategy[] = [];
  const words: Token[] = [];
  for (const t of tokens) if (t.isWord) words.push(t);
  const n = words.length;
  for (let k = 0; k < n; k++) {
    const w = words[k] as Token;
    const f = LEX.get(w.norm);
    if (f === undefined) continue;
    const next = words[k + 1];
    const start = w.sentenceStart;

    if (f & GRATITUDE) add(out, text, 'gratitude', w, w.norm === 'thank' && flagsOf(next) & YOU ? next : w);
    else if (f & APOLOGY) add(out, text, 'apology', w);
    else if (f & PLEASE) add(out, text, start ? 'please_start' : 'please', w);
    else if (f & FACT) add(out, text, 'factuality', w);
    if (f & PHRASE) phrase(w, next, words[k + 2], out, text);

    if (start) {
      if (f & GREETING) add(out, text, 'greeting', w);
      else if (w.norm === 'good' && flagsOf(next) & DAYTIME) add(out, text, 'greeting', w, next);
      else if (f & DEFERENCE) add(out, text, 'deference', w);
      else if (f & WH) add(out, text, 'direct_question', w);
      else if (f & DIRECT_START) add(out, text, 'direct_start', w);
      else if (f & IMPERATIVE) add(out, text, 'imperative_start', w);
    }

    if (f & COUNTERFACTUAL) {
      if (flagsOf(next) & YOU) add(out, text, 'counterfactual_modal', w, next);
      else add(out, text, 'subjunctive', w);
    } else if (f & INDICATIVE && flagsOf(next) & YOU) {
      add(out, text, 'indicative_modal', w, next);
    }

    if (f & HEDGE) add(out, text, 'hedge', w);

    if (f & FIRST) add(out, text, start ? 'first_person_start' : 'first_person', w);
    else if (f & FIRST_PLURAL) add(out, text, 'first_person_plural', w);
    else if (f & SECOND) add(out, text, start ? 'second_person_start' : 'second_person', w);

    if (!(f & NOT_LEXICON) && !(start && f & (DEFERENCE | GREETING))) {
      if (f & POSITIVE) add(out, text, 'positive_lexicon', w);
      else if (f & NEGATIVE) add(out, text, 'negative_lexicon', w);
    }
  }
  return out;
}

function add(out: PolitenessStrategy[], text: string, name: EnStrategy, from: Token, to: Token = from): void {
  out.push({ name, start: from.start, end: to.end, text: text.slice(from.start, to.end) });
}

/** Multi-word cues, checked only for the few words that can start one. */
function phrase(
  w: Token,
  next: Token | undefined,
  after: Token | undefined,
  out: PolitenessStrategy[],
  text: string,
): void {
  const b = next?.norm;
  if (next === undefined) {
    if (w.norm === 'btw') add(out, text, 'indirect_btw', w);
    return;
  }
  switch (w.norm) {
    case 'btw':
      add(out, text, 'indirect_btw', w);
      break;
    case 'excuse':
    case 'forgive':
      if (b === 'me' || b === 'us') add(out, text, 'apology', w, next);
      break;
    case 'by':
      if (b === 'the' && after?.norm === 'way') add(out, text, 'indirect_btw', w, after);
      break;
    case 'in':
      if (b === 'fact') add(out, text, 'factuality', w, next);
      break;
    case 'the':
      if (b === 'point' || b === 'reality' || b === 'truth') add(out, text, 'factuality', w, next);
      break;
    case 'sort':
    case 'kind':
      // "sort of" / "kind of" hedge; "kind" alone ("a kind person") does not.
      if (b === 'of') add(out, text, 'hedge', w, next);
      break;
  }
}
