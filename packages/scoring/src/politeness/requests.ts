/**
 * Which sentences of an agent's message are requests to the customer. The request model learned
 * what makes a *request* polite; a statement of fact ("The repair usually takes 5 days.") shows
 * none of a request's strategies, and judging it as one would call every plain answer rude. So
 * only questions and commands are given to the model; statements count by their markers alone.
 */
import type { SupportedLanguage } from '../lexicons/index.js';
import type { Sentence } from '../text/sentences.js';
import type { Token } from '../text/tokenize.js';

export type SentenceKind = 'question' | 'command' | 'statement';

export interface SentenceReading {
  kind: SentenceKind;
  /** The sentence asks with a softener ("please", "if you could", "would you"). */
  softened: boolean;
  /** It demands haste ("now", "immediately"): a command that allows no choice. */
  urgent: boolean;
}

interface Cues {
  /** Words that may come before the verb of a command without making it a statement. */
  lead: ReadonlySet<string>;
  /** Words that soften a request wherever they stand in it. */
  softeners: ReadonlySet<string>;
  /** Two-word softeners, "if you", "when you": second words by first word. */
  softenerPairs: ReadonlyMap<string, ReadonlySet<string>>;
  urgency: ReadonlySet<string>;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(' '));
/** "if_you when_you if_possible" -> if: {you, possible}, when: {you}. */
function pairs(s: string): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  for (const pair of s.split(' ')) {
    const [first = '', second = ''] = pair.split('_');
    let seconds = out.get(first);
    if (!seconds) out.set(first, (seconds = new Set()));
    seconds.add(second);
  }
  return out;
}

const CUES: Readonly<Record<SupportedLanguage, Cues>> = {
  en: {
    lead: words('please kindly just now so then and also first next simply ok okay alright'),
    softeners: words('please kindly could would thanks thank appreciate possible'),
    softenerPairs: pairs('if_you when_you once_you if_possible'),
    urgency: words('now immediately asap'),
  },
  da: {
    lead: words('venligst bare så og også først derefter lige ok okay'),
    softeners: words('venligst gerne kunne ville tak måske'),
    softenerPairs: pairs('hvis_du når_du hvis_muligt'),
    urgency: words('nu straks omgående'),
  },
};

const STATEMENT: SentenceReading = Object.freeze({ kind: 'statement', softened: false, urgent: false });

/** Reads one sentence of a message's tokens. `imperatives` are the language's command verbs. */
export function readSentence(
  tokens: readonly Token[],
  s: Sentence,
  lang: SupportedLanguage,
  imperatives: ReadonlySet<string>,
): SentenceReading {
  const cues = CUES[lang];
  let kind: SentenceKind = 'question';
  if (!s.question) {
    let k = s.firstToken;
    while (k < s.endToken && cues.lead.has((tokens[k] as Token).norm)) k++;
    const verb = tokens[k];
    // Most sentences are statements: they need no scan for softeners.
    if (k >= s.endToken || verb === undefined || !imperatives.has(verb.norm)) return STATEMENT;
    kind = 'command';
  }
  let softened = false;
  let urgent = false;
  // Second words of the pairs the previous word may start; no string is built per token.
  let pending: ReadonlySet<string> | undefined;
  for (let k = s.firstToken; k < s.endToken; k++) {
    const norm = (tokens[k] as Token).norm;
    if (cues.softeners.has(norm) || pending?.has(norm) === true) softened = true;
    if (cues.urgency.has(norm)) urgent = true;
    pending = cues.softenerPairs.get(norm);
  }
  return { kind, softened, urgent };
}
