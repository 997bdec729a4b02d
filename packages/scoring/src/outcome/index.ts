import type { CustomerOutcome, Evidence, Signal } from '@rapport/schemas';
import { clampScore, round2, type AnalysisContext } from '../engine/context.js';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import { AFINN, LEXICON_SETS, type SupportedLanguage } from '../lexicons/index.js';
import type { PhraseMatch } from '../text/phrases.js';
import { OUTCOME_MATCHERS, UNMET_MATCHERS, type OutcomeCue } from './phrases.js';
import { repeatedAsks } from './repeats.js';
import { sentimentTrajectory } from './trajectory.js';
import { OUTCOME_POINTS as P } from './weights.js';

export { OUTCOME_POINTS, OUTCOME_WEIGHT_IN_OVERALL } from './weights.js';
export { overallScore } from './overall.js';

/** The engine's customer-side lexicon categories that show friction in the conversation. */
const FRICTION = new Set(['customerCorrection', 'customerConfusion', 'customerFrustration']);
/** Words aimed at the agent: the customer's conduct, which never lowers a score. */
const ABUSE = new Set(['abuseTowardAgent', 'profanity', 'insult']);

const MAX_EVIDENCE = 10;

function inside(i: number, spans: readonly { firstToken: number; endToken: number }[]): boolean {
  for (const s of spans) if (i >= s.firstToken && i < s.endToken) return true;
  return false;
}

function overlaps(a: PhraseMatch<unknown>, b: PhraseMatch<unknown>): boolean {
  return a.firstToken < b.endToken && b.firstToken < a.endToken;
}

/** The last sentence of a message, for evidence of how it ended. */
function lastSentence(m: PreparedMessage, rule: string): Evidence {
  const s = m.sentences[m.sentences.length - 1];
  return evidenceOf(m, s ? s.start : 0, s ? s.end : m.text.length, rule);
}

function signal(name: string, value: number, impact: number, evidence: Evidence[] = []): Signal {
  return { name, value: round2(value), impact: round2(impact), evidence: evidence.slice(0, MAX_EVIDENCE) };
}

/**
 * How the conversation ended for the customer (see CustomerOutcome). Reads the customer's messages
 * only, raises no flags, and leaves words aimed at the agent out of every measure.
 */
export function analyseOutcome(ctx: AnalysisContext): CustomerOutcome {
  const customer = ctx.customer.filter((m) => m.tokens.length > 0);
  if (customer.length === 0)
    return { about: 'customer', score: null, summary: 'The customer wrote nothing to judge.', signals: [] };
  const { lang } = ctx;
  const signals: Signal[] = [];
  const n = customer.length;
  const last = customer[n - 1] as PreparedMessage;

  // One pass over each customer message's phrases: evidence per cue, and the spans the
  // sentiment leaves out (words aimed at the agent; outcome phrases, which count on their own).
  const found: Record<OutcomeCue | 'friction' | 'abuse', Evidence[]> = {
    resolved: [],
    thanks: [],
    unresolved: [],
    repeat: [],
    escalation: [],
    unmet: [],
    friction: [],
    abuse: [],
  };
  const skipSpans: PhraseMatch<unknown>[][] = [];
  const endingFrom = n - P.endingMessages;
  customer.forEach((m, k) => {
    const spans: PhraseMatch<unknown>[] = [];
    for (const x of ctx.matches[m.index] ?? []) {
      if (typeof x.payload !== 'string') continue;
      if (ABUSE.has(x.payload)) {
        spans.push(x);
        found.abuse.push(evidenceOf(m, x.start, x.end, `outcome.customer_abuse:${x.pattern}`));
      } else if (FRICTION.has(x.payload))
        found.friction.push(evidenceOf(m, x.start, x.end, `outcome.friction:${x.pattern}`));
    }
    if (lang !== undefined) {
      const cues = OUTCOME_MATCHERS[lang].match(m.tokens);
      for (const x of cues) {
        spans.push(x);
        const cue = x.payload;
        // Thanks and resolution count in the ending only, and not inside a complaint ("thanks for nothing").
        if (cue === 'thanks' || cue === 'resolved') {
          if (k < endingFrom || cues.some((y) => y.payload === 'unresolved' && overlaps(x, y))) continue;
        } else if (cue === 'unresolved' && k !== n - 1) continue;
        found[cue].push(evidenceOf(m, x.start, x.end, `outcome.${cue}:${x.pattern}`));
      }
    }
    skipSpans.push(spans);
  });

  if (lang !== undefined) {
    const afinn = AFINN[lang];
    const courtesy = LEXICON_SETS[lang].courtesyWords;
    const trajectory = sentimentTrajectory(
      customer,
      afinn,
      (k, i, t) => courtesy.has(t.norm) || inside(i, skipSpans[k] as PhraseMatch<unknown>[]),
    );
    signals.push(
      signal(
        'outcome.sentiment_trajectory',
        trajectory.value,
        trajectory.value * P.trajectory,
        trajectory.evidence,
      ),
    );
  } else {
    signals.push({ name: 'language.unsupported', value: 1, impact: 0 });
  }

  // The ending: resolution and thanks, or a complaint.
  const resolved = found.resolved;
  if (resolved.length > 0) signals.push(signal('outcome.resolved', resolved.length, P.resolved, resolved));
  const thanks = found.thanks;
  if (thanks.length > 0) signals.push(signal('outcome.thanks', thanks.length, P.thanks, thanks));
  const complaint = found.unresolved;
  const lastQuestion = last.sentences[last.sentences.length - 1]?.question === true;
  const lastIsPositive =
    resolved.some((e) => e.messageIndex === last.index) || thanks.some((e) => e.messageIndex === last.index);
  if (complaint.length > 0) {
    signals.push(signal('outcome.unresolved_ending', complaint.length, P.unresolvedComplaint, complaint));
  } else if (lastQuestion && !lastIsPositive) {
    const answered = ctx.agent.some((m) => m.index > last.index);
    signals.push(
      signal(
        answered ? 'outcome.question_ending' : 'outcome.unanswered_ending',
        1,
        answered ? P.questionEnding : P.unansweredQuestion,
        [
          lastSentence(
            last,
            answered ? 'outcome.question_ending:last-message' : 'outcome.unanswered_ending:last-message',
          ),
        ],
      ),
    );
  }

  // Asking again: explicit ("as I said") or the same content words as an earlier message.
  const repeats = [
    ...found.repeat,
    ...repeatedAsks(customer, lang === undefined ? undefined : LEXICON_SETS[lang].stopwords),
  ];
  const repeatedMessages = new Set(repeats.map((e) => e.messageIndex)).size;
  if (repeatedMessages > 0)
    signals.push(
      signal(
        'outcome.repeated_ask',
        repeatedMessages,
        Math.max(P.repeatCap, P.repeat * repeatedMessages),
        repeats,
      ),
    );

  const escalation = found.escalation;
  if (escalation.length > 0)
    signals.push(signal('outcome.escalation_request', escalation.length, P.escalation, escalation));

  const frictionMessages = new Set(found.friction.map((e) => e.messageIndex));
  if (frictionMessages.size > 0)
    signals.push(
      signal(
        'outcome.friction',
        frictionMessages.size,
        Math.max(P.frictionCap, P.friction * frictionMessages.size),
        found.friction,
      ),
    );

  if (lang !== undefined) unmetEnding(ctx, customer, signals);

  // Context for the reviewer, never a cost: the customer's conduct is not their outcome.
  const aimed = found.abuse;
  const abusiveMessages = new Set(aimed.map((e) => e.messageIndex)).size;
  if (abusiveMessages > 0) signals.push(signal('outcome.customer_abuse', abusiveMessages, 0, aimed));

  const score = clampScore(P.neutral + signals.reduce((s, x) => s + (x.impact ?? 0), 0));
  return { about: 'customer', score, summary: summarise(score, signals), signals };
}

/**
 * What the agent, answering the customer's last messages, said could not be had ("there are no
 * rooms", "desværre"): the customer leaves without what they came for, whoever is to blame.
 * Earlier "no"s are left out: what came after them decided the ending.
 */
function unmetEnding(ctx: AnalysisContext, customer: readonly PreparedMessage[], signals: Signal[]): void {
  const matcher = UNMET_MATCHERS[ctx.lang as SupportedLanguage];
  const endingFrom = (customer[customer.length - P.endingMessages] ?? customer[0])?.index ?? 0;
  const evidence: Evidence[] = [];
  for (const m of ctx.agent) {
    if (m.index < endingFrom) continue;
    const hit = matcher.match(m.tokens)[0];
    if (hit !== undefined) evidence.push(evidenceOf(m, hit.start, hit.end, `outcome.unmet:${hit.pattern}`));
  }
  if (evidence.length > 0)
    signals.push(signal('outcome.unmet_ending', evidence.length, P.unmetEnding, evidence));
}

const REASONS: Readonly<Record<string, string>> = {
  'outcome.resolved': 'said it was solved',
  'outcome.thanks': 'thanked the agent at the end',
  'outcome.unresolved_ending': 'ended on a complaint',
  'outcome.unanswered_ending': 'ended on a question nobody answered',
  'outcome.question_ending': 'ended on a question',
  'outcome.repeated_ask': 'had to ask again',
  'outcome.escalation_request': 'asked to escalate or complain',
  'outcome.friction': 'corrected, questioned or showed frustration',
  'outcome.unmet_ending': 'was told at the end that what they asked for could not be had',
};

/** "Good for the customer (72): they said it was solved and thanked the agent at the end." */
function summarise(score: number, signals: readonly Signal[]): string {
  const mood = signals.find((s) => s.name === 'outcome.sentiment_trajectory');
  const reasons = signals.flatMap((s) => (REASONS[s.name] ? [REASONS[s.name] as string] : []));
  if (mood && Math.abs(mood.impact ?? 0) >= 4)
    reasons.unshift(
      (mood.impact ?? 0) > 0 ? 'sounded positive toward the end' : 'sounded negative toward the end',
    );
  const verdict = score >= 65 ? 'Good' : score >= 40 ? 'Mixed' : 'Poor';
  const why = reasons.length === 0 ? 'no sign either way' : `the customer ${reasons.join(', ')}`;
  return `${verdict} for the customer (${score}): ${why}. The customer's outcome, not a fault of the agent.`;
}
