import type { Evidence, Severity, Signal } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import {
  quoteList,
  round2,
  scoreFromImpacts,
  type AnalysisContext,
  type DimensionResult,
} from '../engine/context.js';
import type { FlagCode } from '../flags/catalog.js';
import { MAX_EVIDENCE_PER_FLAG } from '../flags/collector.js';
import { AFINN, LEXICON_SETS, type PhraseCategory } from '../lexicons/index.js';
import type { MatchPayload } from '../policy/compile.js';
import { isNegated } from '../text/phrases.js';
import { TokenKind, type Token } from '../text/tokenize.js';
import { identifierTokens } from './identifiers.js';
import { judgeMatch } from './judge.js';
import { scoreWithModels } from './models.js';
import { OwnWords } from './own-words.js';
import { addressesYou, targetOf } from './targeting.js';
import { afinnScore } from './sentiment.js';
import { maxSeverity } from './severity.js';

/** Agent phrase categories and the tone flag each raises. */
const AGENT_RULES: readonly { categories: readonly PhraseCategory[]; code: FlagCode; what: string }[] = [
  { categories: ['condescension'], code: 'tone.condescension', what: 'talked down to the customer' },
  { categories: ['rudeness', 'insult'], code: 'tone.rudeness', what: 'was rude to the customer' },
  { categories: ['profanity'], code: 'tone.profanity', what: 'swore' },
  { categories: ['dismissive'], code: 'tone.dismissive', what: 'brushed the customer off' },
  { categories: ['blame'], code: 'tone.blame', what: 'blamed the customer' },
];

/** Categories whose words are judged by their own rule, not again as sentiment. */
const OWN_RULE: ReadonlySet<MatchPayload> = new Set<MatchPayload>([
  'condescension',
  'rudeness',
  'insult',
  'profanity',
  'dismissive',
  'blame',
]);

function isUpperWord(text: string, t: Token): boolean {
  if (t.kind !== TokenKind.Word) return false;
  // Most words start with a-z, which upper-casing always changes: no slice and no case mapping for them.
  const c = text.charCodeAt(t.start);
  if (c >= 97 && c <= 122) return false;
  const raw = text.slice(t.start, t.end);
  return raw !== t.norm && raw === raw.toUpperCase();
}

function insideRedaction(m: PreparedMessage, start: number): boolean {
  for (const r of m.redactions) if (start >= r.start && start < r.end) return true;
  return false;
}

/** A run of capitals is shouting only with a word this long in it; shorter ones are acronyms. */
const SHOUTED_WORD_MIN_LETTERS = 5;

/**
 * Runs of upper-case words ("YOU NEED TO UNPLUG THE POWER CABLE"). Identifiers (flight numbers,
 * booking codes, airport pairs) and acronyms alone are not shouting: a run needs real words.
 */
export function shoutingRuns(m: PreparedMessage, minWords: number, minLetters: number): Evidence[] {
  const out: Evidence[] = [];
  const tokens = m.tokens;
  let ids: Uint8Array | undefined;
  let runStart = -1;
  let runEnd = -1;
  let words = 0;
  let letters = 0;
  let longWord = false;
  // One step past the last token closes a run that reaches the end of the message.
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    if (t !== undefined) {
      if (t.kind === TokenKind.Number || t.kind === TokenKind.Symbol) continue; // "KL. 8", "100 %" keep a run going
      if (isUpperWord(m.text, t) && !insideRedaction(m, t.start)) {
        ids ??= identifierTokens(m.text, tokens);
        // A code keeps a run going but is not a shouted word.
        if (ids[i] !== 0) continue;
        if (runStart < 0) runStart = i;
        runEnd = i;
        words++;
        letters += t.end - t.start;
        if (t.end - t.start >= SHOUTED_WORD_MIN_LETTERS) longWord = true;
        continue;
      }
    }
    if (runStart >= 0 && words >= minWords && letters >= minLetters && longWord) {
      const first = tokens[runStart] as Token;
      const last = tokens[runEnd] as Token;
      out.push(evidenceOf(m, first.start, last.end, 'tone.shouting:capitals'));
    }
    runStart = -1;
    words = 0;
    letters = 0;
    longWord = false;
  }
  return out;
}

/** Runs of "!" and "?" ("!!!", "?!?!") of at least `minRun` characters, in the analysed text. */
export function punctuationRuns(m: PreparedMessage, minRun: number, limit: number): Evidence[] {
  const out: Evidence[] = [];
  const text = m.text;
  const n = Math.min(text.length, limit);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== 33 && c !== 63) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && (text.charCodeAt(i) === 33 || text.charCodeAt(i) === 63)) i++;
    if (i - start >= minRun && out.length < 20)
      out.push(evidenceOf(m, start, i, 'tone.excessive_punctuation:run'));
  }
  return out;
}

export function scoreTone(ctx: AnalysisContext): DimensionResult {
  const { flags, policy, lang } = ctx;
  const th = policy.policy.thresholds.tone;
  const signals: Signal[] = [];
  if (ctx.agent.length === 0) return { score: null, signals };
  const limit = 20_000;

  const own = new OwnWords(ctx.customer);

  // Phrase rules on the agent's own words, each match judged in its context.
  if (lang !== undefined) {
    const afinn = AFINN[lang];
    for (const rule of AGENT_RULES) {
      const evidence: Evidence[] = [];
      // A flag keeps a bounded number of quotes; a repetitive message still counts every hit.
      let hits = 0;
      const policySeverity = policy.resolve(rule.code).severity;
      let severity: Severity | undefined;
      for (const m of ctx.agent) {
        for (const match of ctx.matches[m.index] ?? []) {
          if (typeof match.payload !== 'string' || !rule.categories.includes(match.payload)) continue;
          const verdict = judgeMatch(m, { ...match, category: match.payload }, own, lang, afinn);
          if (verdict.kind === 'ignore') continue;
          const s = verdict.severity ?? policySeverity;
          severity = severity === undefined ? s : maxSeverity(severity, s);
          hits++;
          if (evidence.length < MAX_EVIDENCE_PER_FLAG)
            evidence.push(evidenceOf(m, match.start, match.end, `${rule.code}:${match.pattern}`));
        }
      }
      if (hits === 0) continue;
      const impact = flags.raise(
        rule.code,
        `The agent ${rule.what}: ${quoteList(evidence.map((e) => e.text))}.`,
        evidence,
        hits,
        severity,
      );
      signals.push({ name: rule.code, value: hits, impact, evidence: evidence.slice(0, 10) });
    }
    scoreWithModels(ctx, own, signals);
  }

  // Language-neutral: shouting and punctuation.
  const shouting = ctx.agent.flatMap((m) => shoutingRuns(m, th.shoutingMinWords, th.shoutingMinLetters));
  if (shouting.length > 0) {
    const impact = flags.raise(
      'tone.shouting',
      `The agent wrote in capitals: ${quoteList(
        shouting.map((e) => e.text),
        2,
      )}.`,
      shouting,
      shouting.length,
    );
    signals.push({ name: 'tone.shouting', value: shouting.length, impact, evidence: shouting.slice(0, 10) });
  }
  const punctuation = ctx.agent.flatMap((m) => punctuationRuns(m, th.punctuationRun, limit));
  if (punctuation.length > 0) {
    const impact = flags.raise(
      'tone.excessive_punctuation',
      `The agent used runs of "!" or "?" ${punctuation.length} time${punctuation.length === 1 ? '' : 's'}: ${quoteList(punctuation.map((e) => e.text))}.`,
      punctuation,
      punctuation.length,
    );
    signals.push({
      name: 'tone.excessive_punctuation',
      value: punctuation.length,
      impact,
      evidence: punctuation.slice(0, 10),
    });
  }

  if (lang !== undefined && ctx.lexicon !== undefined) {
    const afinn = AFINN[lang];
    const neutral = LEXICON_SETS[lang].agentNeutralSentiment;
    // Agent sentiment, per message; words already judged by a phrase rule are not counted twice.
    let totalScore = 0;
    let totalTokens = 0;
    const negativeEvidence: Evidence[] = [];
    let negativeMessages = 0;
    for (const m of ctx.agent) {
      const covered = new Set<number>();
      // Sentences that apologise or empathise speak of the customer's trouble, not the agent's mood.
      const empathetic = new Set<number>();
      for (const match of ctx.matches[m.index] ?? []) {
        if (OWN_RULE.has(match.payload))
          for (let k = match.firstToken; k < match.endToken; k++) covered.add(k);
        else if (match.payload === 'agentEmpathy')
          empathetic.add((m.tokens[match.firstToken] as Token).sentence);
      }
      const r = afinnScore(
        m.tokens,
        afinn,
        (i, t) =>
          covered.has(i) ||
          neutral.has(t.norm) ||
          insideRedaction(m, t.start) ||
          (empathetic.size > 0 && empathetic.has(t.sentence)) ||
          // Only a negative word can be someone else's insult; positive ones need no check.
          ((afinn.words.get(t.norm) ?? 0) < 0 && own.foreign(m)[i] === 1),
      );
      totalScore += r.score;
      totalTokens += r.tokenCount;
      // Thanks and greetings do not offset a string of negative words: judge the negative words alone.
      const negatives = r.words.filter((w) => w.value <= -2);
      const negativeSum = r.words.reduce((s, w) => (w.value < 0 ? s + w.value : s), 0);
      if (negatives.length >= th.negativeWordsMin && negativeSum <= th.negativeScoreAtMost) {
        negativeMessages++;
        for (const w of negatives) {
          const a = m.tokens[w.token] as Token;
          const b = m.tokens[w.endToken - 1] as Token;
          negativeEvidence.push(evidenceOf(m, a.start, b.end, `tone.negative_sentiment:afinn(${w.value})`));
        }
      }
    }
    const comparative = totalTokens > 0 ? totalScore / totalTokens : 0;
    let impact = Math.max(-15, Math.min(0, Math.round(comparative * 50)));
    if (negativeMessages > 0) {
      impact += flags.raise(
        'tone.negative_sentiment',
        `The agent's wording was clearly negative: ${quoteList(
          negativeEvidence.map((e) => e.text),
          5,
        )}.`,
        negativeEvidence,
        negativeMessages,
      );
    }
    signals.push({
      name: 'tone.agent_sentiment',
      value: round2(comparative),
      impact,
      evidence: negativeEvidence.slice(0, 10),
    });

    customerSignals(ctx, signals);
  } else {
    signals.push({ name: 'language.unsupported', value: 1, impact: 0 });
  }
  return { score: scoreFromImpacts(signals), signals };
}

/**
 * The customer's side: context for the review, never a cost to the agent (impact 0). Abuse
 * toward the agent is its own flag; when it is raised, frustration is not raised again.
 */
function customerSignals(ctx: AnalysisContext, signals: Signal[]): void {
  const { flags, lang } = ctx;
  if (lang === undefined || ctx.customer.length === 0) return;
  const th = ctx.policy.policy.thresholds.tone;
  const abuse: Evidence[] = [];
  const frustration: Evidence[] = [];
  const frustrationPatterns = new Set<string>();
  for (const m of ctx.customer) {
    for (const match of ctx.matches[m.index] ?? []) {
      if (match.payload === 'abuseTowardAgent') {
        // "I'm such an idiot", "this stupid router": the customer is cross with themself or a thing, not the agent.
        const { firstToken: first, endToken: end } = match;
        if (!addressesYou(m.tokens, first, end, lang)) {
          const target = targetOf(m.tokens, first, end, lang);
          if (target === 'self' || target === 'thing' || isNegated(m.tokens, first)) continue;
        }
        abuse.push(evidenceOf(m, match.start, match.end, `tone.abusive_customer:${match.pattern}`));
      } else if (match.payload === 'customerFrustration') {
        frustration.push(evidenceOf(m, match.start, match.end, `tone.customer_frustration:${match.pattern}`));
        frustrationPatterns.add(match.pattern);
      }
    }
  }
  if (abuse.length > 0) {
    flags.raise(
      'tone.abusive_customer',
      `The customer was abusive toward the agent: ${quoteList(abuse.map((e) => e.text))}. This does not lower the agent's scores.`,
      abuse,
    );
    signals.push({ name: 'customer.abuse', value: abuse.length, impact: 0, evidence: abuse.slice(0, 10) });
  }
  if (frustration.length > 0) {
    if (abuse.length === 0 && frustrationPatterns.size >= th.customerFrustrationMinMarkers) {
      flags.raise(
        'tone.customer_frustration',
        `The customer showed frustration: ${quoteList(frustration.map((e) => e.text))}.`,
        frustration,
      );
    }
    signals.push({
      name: 'customer.frustration',
      value: frustration.length,
      impact: 0,
      evidence: frustration.slice(0, 10),
    });
  }
  // How the customer's mood moved from their first to their last message.
  const first = ctx.customer[0] as PreparedMessage;
  const last = ctx.customer[ctx.customer.length - 1] as PreparedMessage;
  if (first !== last) {
    const afinn = AFINN[lang];
    const a = afinnScore(first.tokens, afinn);
    const b = afinnScore(last.tokens, afinn);
    const ca = a.tokenCount > 0 ? a.score / a.tokenCount : 0;
    const cb = b.tokenCount > 0 ? b.score / b.tokenCount : 0;
    signals.push({ name: 'customer.sentiment_shift', value: round2(cb - ca), impact: 0 });
  }
}
