import type { Evidence } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import { LEXICON_SETS } from '../lexicons/index.js';
import type { Lexicon } from '../lexicons/types.js';
import type { MatchPayload } from '../policy/compile.js';
import type { PhraseMatch } from '../text/phrases.js';
import type { Sentence } from '../text/sentences.js';
import { TokenKind, type Token } from '../text/tokenize.js';
import type { Claim } from './claims.js';

/**
 * Customer questions the agent never addressed. A question is judged only when it names something
 * specific (a content word of six letters or more: "broadband", "binding"); it is answered when a
 * later agent message shares one of its content words (five-letter stems), when the reply is of
 * the kind asked for ("when" -> a time, "how much" -> an amount, "why" -> a reason, "which" -> a
 * value), or, for a lone question, when the reply says yes/no or what the agent did. Replies that
 * hedge, or are rude or dismissive, are judged by those rules instead. Questions asking to
 * clarify, or correcting the agent, belong to clarity and accuracy's correction rule.
 */
const MIN_KEYWORD = 6;
const STEM = 5;
/** Agent messages after the question that may hold its answer. */
const ANSWER_WINDOW = 4;

const ANSWER_STARTS: Readonly<Record<string, readonly string[][]>> = {
  en: [
    ['yes'],
    ['yeah'],
    ['yep'],
    ['sure'],
    ['certainly'],
    ['absolutely'],
    ['of', 'course'],
    ['no'],
    ['i', 'have'],
    ["i've"],
    ['we', 'have'],
    ["we've"],
    ['done'],
    ['i', 'will'],
    ["i'll"],
    ['you', 'can'],
    ['unfortunately'],
  ],
  da: [
    ['ja'],
    ['jo'],
    ['nej'],
    ['selvfølgelig'],
    ['sagtens'],
    ['jeg', 'har'],
    ['vi', 'har'],
    ['det', 'kan'],
    ['det', 'er', 'gjort'],
    ['du', 'kan'],
    ['desværre'],
    ['jeg', 'kan'],
    ['klart'],
  ],
};
const WHEN = new Set(['when', 'hvornår']);
const WHY = new Set(['why', 'hvorfor']);
const WHICH = new Set(['which', 'what', 'hvilken', 'hvilket', 'hvilke', 'hvad']);
const HOW_MUCH = [
  ['how', 'much'],
  ['what', 'does', 'it', 'cost'],
  ['hvad', 'koster'],
  ['hvor', 'meget'],
];
const HOW_LONG = [
  ['how', 'long'],
  ['hvor', 'lang'],
  ['hvor', 'længe'],
];
const REASONS = new Set([
  'because',
  'since',
  'due',
  'reason',
  'caused',
  'therefore',
  'consequently',
  'fordi',
  'skyldes',
  'derfor',
  'hvorfor',
  'grundet',
  'årsagen',
  'pga',
]);
const TIME_WORDS = new Set([
  'today',
  'tomorrow',
  'tonight',
  'morning',
  'afternoon',
  'evening',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'week',
  'weekend',
  'month',
  'soon',
  'immediately',
  'now',
  'dag',
  'morgen',
  'aften',
  'mandag',
  'tirsdag',
  'onsdag',
  'torsdag',
  'fredag',
  'lørdag',
  'søndag',
  'uge',
  'weekenden',
  'måned',
  'snart',
  'straks',
  'nu',
  'morges',
  'eftermiddag',
]);
const PRONOUNS = new Set(['it', 'that', 'this', 'det', 'den', 'dette', "that's"]);
/** Words too common in help-desk talk to show the agent addressed a particular question. */
const GENERIC = new Set([
  'order',
  'orders',
  'ordered',
  'account',
  'thing',
  'things',
  'question',
  'questions',
  'today',
  'please',
  'thanks',
  'hello',
  'there',
  'still',
  'again',
  'would',
  'could',
  'should',
  'about',
  'ordre',
  'ordren',
  'konto',
  'kontoen',
  'spørgsmål',
  'venligst',
  'gerne',
  'noget',
  'nogen',
  'stadig',
  'hjælpe',
]);
/** Categories whose presence in a reply means the question got a response, judged by its own rule. */
const RESPONSE_RULES: ReadonlySet<MatchPayload> = new Set<MatchPayload>([
  'hedging',
  'rudeness',
  'insult',
  'condescension',
  'dismissive',
  'blame',
]);
/** Categories whose presence in a customer message makes its questions something other than requests. */
const NOT_A_REQUEST: ReadonlySet<MatchPayload> = new Set<MatchPayload>([
  'customerConfusion',
  'customerCorrection',
  'abuseTowardAgent',
  'profanity',
  'insult',
]);

function startsWithAny(tokens: readonly Token[], at: number, seqs: readonly string[][]): boolean {
  return seqs.some((seq) => seq.every((w, k) => tokens[at + k]?.norm === w));
}

function contains(tokens: readonly Token[], from: number, to: number, seqs: readonly string[][]): boolean {
  for (let i = from; i < to; i++) if (startsWithAny(tokens, i, seqs)) return true;
  return false;
}

function words(
  m: PreparedMessage,
  s: Sentence,
  stop: ReadonlySet<string>,
  minLen: number,
  covered: ReadonlySet<number>,
): string[] {
  const out: string[] = [];
  for (let i = s.firstToken; i < s.endToken; i++) {
    const t = m.tokens[i] as Token;
    if (
      t.kind === TokenKind.Word &&
      t.norm.length >= minLen &&
      !stop.has(t.norm) &&
      !GENERIC.has(t.norm) &&
      !covered.has(i)
    )
      out.push(t.norm);
  }
  return out;
}

function has(tokens: readonly Token[], s: Sentence, set: ReadonlySet<string>): boolean {
  for (let i = s.firstToken; i < s.endToken; i++) if (set.has((tokens[i] as Token).norm)) return true;
  return false;
}

function answeredByKind(
  m: PreparedMessage,
  s: Sentence,
  replies: readonly PreparedMessage[],
  claimsOf: (m: PreparedMessage) => readonly Claim[],
): boolean {
  const tokens = m.tokens;
  const when = has(tokens, s, WHEN);
  const why = has(tokens, s, WHY);
  const which = has(tokens, s, WHICH);
  const howMuch = contains(tokens, s.firstToken, s.endToken, HOW_MUCH);
  const howLong = contains(tokens, s.firstToken, s.endToken, HOW_LONG);
  if (!when && !why && !which && !howMuch && !howLong) return false;
  for (const r of replies) {
    if (why && r.tokens.some((t) => REASONS.has(t.norm))) return true;
    if (which && (r.redactions.length > 0 || r.tokens.some((t) => t.kind === TokenKind.Number))) return true;
    if (!when && !howMuch && !howLong) continue;
    const claims = claimsOf(r);
    if (howMuch && claims.some((c) => c.kind === 'money')) return true;
    if ((howLong || when) && claims.some((c) => c.kind === 'duration' || c.kind === 'time_range'))
      return true;
    if (when && r.tokens.some((t) => TIME_WORDS.has(t.norm) || t.kind === TokenKind.Number)) return true;
  }
  return false;
}

function answeredByReply(reply: PreparedMessage, lang: string): boolean {
  const starts = ANSWER_STARTS[lang] ?? [];
  for (const s of reply.sentences) if (startsWithAny(reply.tokens, s.firstToken, starts)) return true;
  // "Hi, thanks! I have ..." - an action statement anywhere in the reply.
  return contains(
    reply.tokens,
    0,
    reply.tokens.length,
    starts.filter((seq) => seq.length > 1),
  );
}

/** The five-letter stems of the replies' longer words. */
function stemsOf(replies: readonly PreparedMessage[]): Set<string> {
  const stems = new Set<string>();
  for (const r of replies)
    for (const t of r.tokens) if (t.norm.length >= STEM) stems.add(t.norm.slice(0, STEM));
  return stems;
}

export function unansweredQuestions(
  messages: readonly PreparedMessage[],
  matches: readonly (readonly PhraseMatch<MatchPayload>[])[],
  lex: Lexicon,
  claimsOf: (m: PreparedMessage) => readonly Claim[],
): Evidence[] {
  const stop = LEXICON_SETS[lex.language].stopwords;
  const out: Evidence[] = [];
  for (let i = 0; i < messages.length; i++) {
    const c = messages[i] as PreparedMessage;
    if (c.role !== 'customer') continue;
    const questions = c.sentences.filter((s) => s.question);
    if (questions.length === 0) continue;
    const own = matches[c.index] ?? [];
    if (own.some((mt) => NOT_A_REQUEST.has(mt.payload))) continue;
    const covered = new Set<number>();
    for (const mt of own) for (let k = mt.firstToken; k < mt.endToken; k++) covered.add(k);
    const replies: PreparedMessage[] = [];
    for (let k = i + 1; k < messages.length && replies.length < ANSWER_WINDOW; k++) {
      const m = messages[k] as PreparedMessage;
      if (m.role === 'agent' && m.tokens.length > 0) replies.push(m);
    }
    if (replies.length === 0) continue; // the conversation ended on the question: nothing to judge
    if ((matches[(replies[0] as PreparedMessage).index] ?? []).some((mt) => RESPONSE_RULES.has(mt.payload)))
      continue;
    // Built on the first specific question only: most questions name nothing specific.
    let stems: Set<string> | undefined;
    for (const q of questions) {
      const specific = words(c, q, stop, MIN_KEYWORD, covered);
      if (specific.length === 0) continue;
      let overlap = words(c, q, stop, STEM, covered);
      // A short question about "it"/"det" refers to the sentence before it ("Hvad betyder det?").
      const short = q.endToken - q.firstToken <= 5;
      const anaphoric = short && c.tokens.slice(q.firstToken, q.endToken).some((t) => PRONOUNS.has(t.norm));
      const before = c.sentences[q.index - 1];
      if (anaphoric && before !== undefined && !before.question)
        overlap = overlap.concat(words(c, before, stop, STEM, covered));
      const replyStems = (stems ??= stemsOf(replies));
      if (overlap.some((w) => replyStems.has(w.slice(0, STEM)))) continue;
      if (answeredByKind(c, q, replies, claimsOf)) continue;
      if (questions.length === 1 && answeredByReply(replies[0] as PreparedMessage, lex.language)) continue;
      out.push(evidenceOf(c, q.start, q.end, 'accuracy.unanswered_question:no-answer'));
    }
  }
  return out;
}
