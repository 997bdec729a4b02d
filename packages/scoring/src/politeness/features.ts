/**
 * Feature extraction of the English request model, chosen to transfer beyond the Wikipedia talk
 * pages it is trained on: the politeness strategies of the paper, the shape of the request
 * (question, exclamation, number of sentences) and the words of a small closed list of function
 * words and general request vocabulary, alone and in adjacent pairs. No open-vocabulary n-grams:
 * a model that learns "article" or "revert" learns Wikipedia, not politeness, and its bias then
 * shifts on text whose content words it never saw. Features are binary.
 *
 * This is the single definition of the features: training names them with `extractFeatures` and
 * the scorer sums the weights of the same names (model.ts).
 */
import { detectEnglish } from './strategies-en.js';
import { tokenize, type Token } from './tokenize.js';
import type { PolitenessStrategy } from './types.js';

/** Prefixes that no feature of another family can start with. */
export const STRATEGY_PREFIX = 's:';
export const SHAPE_PREFIX = 'g:';
export const WORD_PREFIX = 'w:';
export const PAIR_PREFIX = 'b:';

/**
 * Closed-class and domain-general words: pronouns, modals, auxiliaries, negation, question words,
 * discourse markers, courtesy words and the verbs of asking (help, explain, tell, check). None
 * names a topic, so their weights mean the same on a forum, in an e-mail or in a chat.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my we us our you your it this that there here ' +
    'please could would can will should must might may ' +
    'not no yes ok well sure ' +
    'why what how where when who ' +
    'just really actually anyway still already again also too then now so but and or if any some ' +
    'anything something else ' +
    'mind help know wonder think let need want possible chance kindly appreciate ' +
    "do don't did didn't is are was be have has had get tell explain look see check fix stop " +
    'hey hi hello thanks thank sorry great'
  ).split(' '),
);

export interface Extracted {
  strategies: PolitenessStrategy[];
  /** Feature names, without repeats. */
  features: string[];
}

export function extractFeatures(text: string): Extracted {
  const tokens = tokenize(text);
  const strategies = detectEnglish(text, tokens);
  const features = new Set<string>();
  for (const s of strategies) features.add(STRATEGY_PREFIX + s.name);
  for (const f of shapeFeatures(text, tokens)) features.add(f);
  let prev: Token | undefined;
  for (const t of tokens) {
    const known = FUNCTION_WORDS.has(t.norm);
    if (known) {
      features.add(WORD_PREFIX + t.norm);
      if (prev !== undefined && FUNCTION_WORDS.has(prev.norm))
        features.add(`${PAIR_PREFIX}${prev.norm} ${t.norm}`);
    }
    prev = t;
  }
  return { strategies, features: [...features] };
}

const ENDS_QUESTION = SHAPE_PREFIX + 'ends_question';
const SEVERAL_QUESTIONS = SHAPE_PREFIX + 'several_questions';
const EXCLAMATION = SHAPE_PREFIX + 'exclamation';
const SENTENCES = [
  SHAPE_PREFIX + 'one_sentence',
  SHAPE_PREFIX + 'two_sentences',
  SHAPE_PREFIX + 'many_sentences',
];

/** Whether the text ends in a question, exclaims, asks more than once, and how many sentences it has. */
export function shapeFeatures(text: string, tokens: readonly Token[]): string[] {
  const out: string[] = [];
  let questions = 0;
  let exclamations = 0;
  let sentences = 0;
  for (const t of tokens) {
    if (t.norm === '?') questions++;
    else if (t.norm === '!') exclamations++;
    if (t.sentenceStart) sentences++;
  }
  let last = text.length - 1;
  while (last >= 0 && text.charCodeAt(last) <= 0x20) last--;
  if (last >= 0 && text.charCodeAt(last) === 0x3f) out.push(ENDS_QUESTION);
  if (questions >= 2) out.push(SEVERAL_QUESTIONS);
  if (exclamations > 0) out.push(EXCLAMATION);
  out.push(SENTENCES[Math.min(2, Math.max(0, sentences - 1))] as string);
  return out;
}
