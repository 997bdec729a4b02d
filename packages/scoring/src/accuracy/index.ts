import type { Evidence, Signal } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import {
  quoteList,
  scoreFromImpacts,
  type AnalysisContext,
  type DimensionResult,
} from '../engine/context.js';
import { claimAgrees, factForClaim, formatFactValue } from '../knowledge/match.js';
import { LEXICON_SETS, type Lexicon, type PhraseCategory } from '../lexicons/index.js';
import { compileCues, type Cue } from '../text/keywords.js';
import type { Token } from '../text/tokenize.js';
import { formatClaimValue, type Claim } from './claims.js';
import { unansweredQuestions } from './questions.js';

function phraseEvidence(
  ctx: AnalysisContext,
  messages: readonly PreparedMessage[],
  category: PhraseCategory,
  rule: string,
): Evidence[] {
  const out: Evidence[] = [];
  for (const m of messages)
    for (const match of ctx.matches[m.index] ?? [])
      if (match.payload === category)
        out.push(evidenceOf(m, match.start, match.end, `${rule}:${match.pattern}`));
  return out;
}

const topicCueCache = new WeakMap<Lexicon, Cue[]>();
function topicCues(lex: Lexicon): Cue[] {
  let cues = topicCueCache.get(lex);
  if (!cues) {
    cues = Object.entries(lex.topics).flatMap(([topic, words]) => compileCues(words, topic));
    topicCueCache.set(lex, cues);
  }
  return cues;
}

/** Danish definite and plural endings, so "flyttegebyret" and "flyttegebyr" are one topic. */
function baseForm(word: string, lang: string): string {
  if (lang !== 'da') return word.endsWith('s') && word.length > 4 ? word.slice(0, -1) : word;
  for (const suffix of ['erne', 'ene', 'et', 'en', 'er', 'e'])
    if (word.length > suffix.length + 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  return word;
}

/**
 * What a claim is about, for contradictions: the topic cue nearest to it in its sentence, with
 * the word right before the cue when that word is a modifier ("termination fee" is not "setup fee").
 * The sentence's cue hits are found once per sentence (ctx.cueHits), not once per claim: a long
 * unpunctuated paste is one sentence, and scanning it again for every claim in it was quadratic.
 */
function topicKey(ctx: AnalysisContext, claim: Claim, m: PreparedMessage, lex: Lexicon): string | undefined {
  const s = m.sentences[claim.sentence];
  if (!s) return undefined;
  const hits = ctx.cueHits(m, claim.sentence, topicCues(lex));
  if (hits.length === 0) return undefined;
  // The nearest hit; on a tie the one found first (the cue listed first).
  let hit = hits[0]!;
  let best = Math.abs(hit.at - claim.firstToken);
  for (let i = 1; i < hits.length; i++) {
    const d = Math.abs(hits[i]!.at - claim.firstToken);
    if (d < best) {
      best = d;
      hit = hits[i]!;
    }
  }
  const cueToken = m.tokens[hit.at] as Token;
  const prev = hit.at > s.firstToken ? (m.tokens[hit.at - 1] as Token) : undefined;
  const stop = LEXICON_SETS[lex.language].stopwords;
  const modifier =
    prev &&
    !prev.breakBefore &&
    !cueToken.breakBefore &&
    !stop.has(prev.norm) &&
    prev.kind === 0 &&
    hit.cue.words.length === 1
      ? `${baseForm(prev.norm, lex.language)} `
      : '';
  return `${hit.cue.label}:${modifier}${baseForm(cueToken.norm, lex.language)}`;
}

/** Claims read per interaction for knowledge-base checks and contradictions. */
export const MAX_CLAIMS = 400;
/** Distinct values per topic compared with each other (pairs grow with its square). */
export const MAX_VALUES_PER_TOPIC = 24;
/** Occurrences kept per distinct value: enough to find one outside the other value's sentence. */
const OCCURRENCES_PER_VALUE = 3;
/** Contradiction pairs described in the flag; the count says how many there were. */
const MAX_CONTRADICTION_MESSAGES = 5;

interface ClaimAt {
  claim: Claim;
  m: PreparedMessage;
}

interface Contradictions {
  /** Pairs of distinct values given for one topic. */
  pairs: number;
  messages: string[];
  evidence: Evidence[];
  valuesNotCompared: number;
}

/**
 * Two values given for the same topic that cannot both hold. Claims are grouped by topic and then
 * by value: repeating "5 days" a thousand times is one value, so the comparison is between
 * distinct values (at most MAX_VALUES_PER_TOPIC per topic), and each pair is reported once with
 * the first places the two values were said outside one sentence.
 */
function findContradictions(ctx: AnalysisContext, claims: readonly ClaimAt[], lex: Lexicon): Contradictions {
  const byTopic = new Map<string, Map<string, ClaimAt[]>>();
  let valuesNotCompared = 0;
  for (const c of claims) {
    if (c.claim.kind === 'time_range') continue;
    const key = topicKey(ctx, c.claim, c.m, lex);
    if (key === undefined) continue;
    const k = `${c.claim.kind}|${c.claim.currency ?? ''}|${key}`;
    let values = byTopic.get(k);
    if (!values) byTopic.set(k, (values = new Map<string, ClaimAt[]>()));
    const value = `${c.claim.min}:${c.claim.max}`;
    let at = values.get(value);
    if (!at) {
      if (values.size >= MAX_VALUES_PER_TOPIC) {
        valuesNotCompared++;
        continue;
      }
      values.set(value, (at = []));
    }
    if (at.length < OCCURRENCES_PER_VALUE) at.push(c);
  }
  const out: Contradictions = { pairs: 0, messages: [], evidence: [], valuesNotCompared };
  for (const [key, values] of byTopic) {
    const list = [...values.values()];
    const topic = key.split('|')[2]?.split(':')[1] ?? 'the same thing';
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const pair = separatePair(list[a]!, list[b]!);
        if (!pair) continue;
        const [x, y] = pair;
        out.pairs++;
        if (out.messages.length >= MAX_CONTRADICTION_MESSAGES) continue;
        out.evidence.push(
          evidenceOf(x.m, x.claim.start, x.claim.end, 'accuracy.contradiction:first'),
          evidenceOf(y.m, y.claim.start, y.claim.end, 'accuracy.contradiction:second'),
        );
        out.messages.push(
          `The agent gave two different values for ${topic}: "${x.claim.text}" and later "${y.claim.text}".`,
        );
      }
    }
  }
  if (out.pairs > out.messages.length) out.messages.push(`${out.pairs} pairs of different values in all.`);
  return out;
}

/** The first occurrences of two values, in order, that are not in one sentence and do not overlap. */
function separatePair(xs: readonly ClaimAt[], ys: readonly ClaimAt[]): [ClaimAt, ClaimAt] | undefined {
  if (overlaps(xs[0]!.claim, ys[0]!.claim)) return undefined;
  for (const x of xs)
    for (const y of ys) {
      if (x.m === y.m && x.claim.sentence === y.claim.sentence) continue;
      return x.m.index < y.m.index || (x.m.index === y.m.index && x.claim.start <= y.claim.start)
        ? [x, y]
        : [y, x];
    }
  return undefined;
}

function overlaps(a: Claim, b: Claim): boolean {
  return a.min <= b.max + 1e-9 && b.min <= a.max + 1e-9;
}

export function scoreAccuracy(ctx: AnalysisContext): DimensionResult {
  const signals: Signal[] = [];
  const { flags, lexicon: lex, lang } = ctx;
  if (ctx.agent.length === 0) return { score: null, signals };
  if (lang === undefined || lex === undefined)
    return { score: null, signals: [{ name: 'language.unsupported', value: 1, impact: 0 }] };
  const th = ctx.policy.policy.thresholds.accuracy;

  const hedges = phraseEvidence(ctx, ctx.agent, 'hedging', 'accuracy.hedging');
  let hedgeImpact = 0;
  if (hedges.length >= th.hedgingMinCount)
    hedgeImpact = flags.raise(
      'accuracy.hedging',
      `The agent hedged or guessed ${hedges.length} times: ${quoteList(hedges.map((e) => e.text))}.`,
      hedges,
      hedges.length - th.hedgingMinCount + 1,
    );
  signals.push({
    name: 'accuracy.hedging',
    value: hedges.length,
    impact: hedgeImpact,
    evidence: hedges.slice(0, 10),
  });

  const promises = phraseEvidence(ctx, ctx.agent, 'overpromise', 'accuracy.overpromise');
  if (promises.length > 0) {
    const impact = flags.raise(
      'accuracy.overpromise',
      `The agent made absolute promises: ${quoteList(promises.map((e) => e.text))}.`,
      promises,
      promises.length,
    );
    signals.push({
      name: 'accuracy.overpromise',
      value: promises.length,
      impact,
      evidence: promises.slice(0, 10),
    });
  }

  const corrections = phraseEvidence(ctx, ctx.customer, 'customerCorrection', 'accuracy.customer_correction');
  if (corrections.length > 0) {
    const impact = flags.raise(
      'accuracy.customer_correction',
      `The customer said the agent was wrong or had been told otherwise: ${quoteList(corrections.map((e) => e.text))}.`,
      corrections,
      corrections.length,
    );
    signals.push({
      name: 'accuracy.customer_correction',
      value: corrections.length,
      impact,
      evidence: corrections.slice(0, 10),
    });
  }

  // Claims: knowledge-base checks and contradictions between the agent's own statements. Both
  // read at most MAX_CLAIMS claims, so a message of thousands of figures costs a bounded amount.
  const claims: { claim: Claim; m: PreparedMessage }[] = [];
  let claimsSeen = 0;
  for (const m of ctx.agent)
    for (const claim of ctx.claims(m)) {
      claimsSeen++;
      if (claims.length < MAX_CLAIMS) claims.push({ claim, m });
    }
  signals.push({ name: 'accuracy.claims', value: claimsSeen, impact: 0 });
  if (claimsSeen > MAX_CLAIMS)
    signals.push({ name: 'budget.claims_not_checked', value: claimsSeen - MAX_CLAIMS, impact: 0 });
  if (ctx.kb) {
    const mismatches: Evidence[] = [];
    const messages: string[] = [];
    let checked = 0;
    for (const { claim, m } of claims) {
      const fact = factForClaim(ctx.kb, claim, m, lang, ctx.cueHits);
      if (!fact) continue;
      checked++;
      if (claimAgrees(fact, claim)) continue;
      mismatches.push(evidenceOf(m, claim.start, claim.end, `accuracy.kb_mismatch:${fact.fact.id}`));
      messages.push(
        `The agent said "${claim.text}" (${formatClaimValue(claim)}) for ${fact.fact.description}; the knowledge base says ${formatFactValue(fact.fact)}.`,
      );
    }
    let impact = 0;
    messages.forEach((msg, k) => {
      impact = flags.raise('accuracy.kb_mismatch', msg, k === 0 ? mismatches : [], messages.length);
    });
    signals.push({ name: 'accuracy.kb_checked', value: checked, impact: 0 });
    if (mismatches.length > 0)
      signals.push({
        name: 'accuracy.kb_mismatch',
        value: mismatches.length,
        impact,
        evidence: mismatches.slice(0, 10),
      });
  }
  const contradiction = findContradictions(ctx, claims, lex);
  if (contradiction.valuesNotCompared > 0)
    signals.push({
      name: 'budget.claim_values_not_compared',
      value: contradiction.valuesNotCompared,
      impact: 0,
    });
  if (contradiction.pairs > 0) {
    const impact = flags.raise(
      'accuracy.contradiction',
      contradiction.messages.join(' '),
      contradiction.evidence,
      contradiction.pairs,
    );
    signals.push({
      name: 'accuracy.contradiction',
      value: contradiction.pairs,
      impact,
      evidence: contradiction.evidence.slice(0, 10),
    });
  }

  const unanswered = unansweredQuestions(ctx.interaction.messages, ctx.matches, lex, ctx.claims);
  if (unanswered.length > 0) {
    const impact = flags.raise(
      'accuracy.unanswered_question',
      `The agent did not address ${unanswered.length === 1 ? 'a customer question' : `${unanswered.length} customer questions`}: ${quoteList(unanswered.map((e) => e.text))}.`,
      unanswered,
      unanswered.length,
    );
    signals.push({
      name: 'accuracy.unanswered_question',
      value: unanswered.length,
      impact,
      evidence: unanswered.slice(0, 10),
    });
  }
  return { score: scoreFromImpacts(signals), signals };
}
