import type { CustomerOutcome, Evidence, Signal } from '@rapport/schemas';
import { clampScore, round2, type AnalysisContext } from '../engine/context.js';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import { AFINN, LEXICON_SETS, type SupportedLanguage } from '../lexicons/index.js';
import type { PhraseMatch } from '../text/phrases.js';
import { OUTCOME_MATCHERS, type OutcomeCue } from './phrases.js';
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

function overlaps(a: PhraseMatch<unknown>, spans: readonly PhraseMatch<unknown>[]): boolean {
  return spans.some((b) => a.firstToken < b.endToken && b.firstToken < a.endToken);
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
  const ending = customer.slice(-P.endingMessages);
  const last = customer[n - 1] as PreparedMessage;

  // Outcome phrases and the engine's customer lexicon, per customer message.
  const cues = new Map<PreparedMessage, PhraseMatch<OutcomeCue>[]>();
  const abuse = new Map<PreparedMessage, PhraseMatch<unknown>[]>();
  const friction: Evidence[] = [];
  const frictionMessages = new Set<number>();
  for (const m of customer) {
    const engine = ctx.matches[m.index] ?? [];
    const aimed = engine.filter((x) => typeof x.payload === 'string' && ABUSE.has(x.payload));
    abuse.set(m, aimed);
    for (const x of engine)
      if (typeof x.payload === 'string' && FRICTION.has(x.payload)) {
        friction.push(evidenceOf(m, x.start, x.end, `outcome.friction:${x.pattern}`));
        frictionMessages.add(m.index);
      }
    if (lang === undefined) continue;
    const found = OUTCOME_MATCHERS[lang].match(m.tokens);
    // "Thanks for nothing" is a complaint: positive cues inside a negative one do not count.
    const negative = found.filter((x) => x.payload === 'unresolved');
    cues.set(
      m,
      found.filter((x) => (x.payload !== 'thanks' && x.payload !== 'resolved') || !overlaps(x, negative)),
    );
  }
  const cueEvidence = (ms: readonly PreparedMessage[], cue: OutcomeCue): Evidence[] =>
    ms.flatMap((m) =>
      (cues.get(m) ?? [])
        .filter((x) => x.payload === cue)
        .map((x) => evidenceOf(m, x.start, x.end, `outcome.${cue}:${x.pattern}`)),
    );

  if (lang !== undefined) {
    const afinn = AFINN[lang];
    const courtesy = LEXICON_SETS[lang].courtesyWords;
    const trajectory = sentimentTrajectory(customer, afinn, (m, i, t) => {
      if (courtesy.has(t.norm) || inside(i, abuse.get(m) ?? [])) return true;
      // Outcome phrases count once, as their own signal.
      return inside(i, cues.get(m) ?? []);
    });
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
  const resolved = cueEvidence(ending, 'resolved');
  if (resolved.length > 0) signals.push(signal('outcome.resolved', resolved.length, P.resolved, resolved));
  const thanks = cueEvidence(ending, 'thanks');
  if (thanks.length > 0) signals.push(signal('outcome.thanks', thanks.length, P.thanks, thanks));
  const complaint = cueEvidence([last], 'unresolved');
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
    ...cueEvidence(customer, 'repeat'),
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

  const escalation = cueEvidence(customer, 'escalation');
  if (escalation.length > 0)
    signals.push(signal('outcome.escalation_request', escalation.length, P.escalation, escalation));

  if (frictionMessages.size > 0)
    signals.push(
      signal(
        'outcome.friction',
        frictionMessages.size,
        Math.max(P.frictionCap, P.friction * frictionMessages.size),
        friction,
      ),
    );

  if (lang !== undefined) unmetRequests(ctx, customer, signals);

  // Context for the reviewer, never a cost: the customer's conduct is not their outcome.
  const aimed = customer.flatMap((m) =>
    (abuse.get(m) ?? []).map((x) => evidenceOf(m, x.start, x.end, `outcome.customer_abuse:${x.pattern}`)),
  );
  const abusiveMessages = new Set(aimed.map((e) => e.messageIndex)).size;
  if (abusiveMessages > 0) signals.push(signal('outcome.customer_abuse', abusiveMessages, 0, aimed));

  const score = clampScore(P.neutral + signals.reduce((s, x) => s + (x.impact ?? 0), 0));
  return { about: 'customer', score, summary: summarise(score, signals), signals };
}

/**
 * What the agent said could not be had ("there are no rooms", "desværre"): the customer did not
 * get what they came for, whoever is to blame. Weighs most in the agent's answers to the
 * customer's last messages.
 */
function unmetRequests(ctx: AnalysisContext, customer: readonly PreparedMessage[], signals: Signal[]): void {
  const matcher = OUTCOME_MATCHERS[ctx.lang as SupportedLanguage];
  const endingFrom = (customer[customer.length - P.endingMessages] ?? customer[0])?.index ?? 0;
  const ending: Evidence[] = [];
  const earlier: Evidence[] = [];
  for (const m of ctx.agent) {
    const hit = matcher.match(m.tokens).find((x) => x.payload === 'unmet');
    if (hit === undefined) continue;
    (m.index > endingFrom ? ending : earlier).push(
      evidenceOf(m, hit.start, hit.end, `outcome.unmet:${hit.pattern}`),
    );
  }
  if (ending.length > 0) signals.push(signal('outcome.unmet_ending', ending.length, P.unmetEnding, ending));
  if (earlier.length > 0)
    signals.push(
      signal(
        'outcome.unmet_request',
        earlier.length,
        Math.max(P.unmetCap, P.unmet * earlier.length),
        earlier,
      ),
    );
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
  'outcome.unmet_request': 'was told no along the way',
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
