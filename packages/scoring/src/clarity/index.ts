import type { Evidence, Signal } from '@rapport/schemas';
import { evidenceOf } from '../engine/prepared.js';
import {
  quoteList,
  round2,
  scoreFromImpacts,
  type AnalysisContext,
  type DimensionResult,
} from '../engine/context.js';
import { TokenKind, type Token } from '../text/tokenize.js';

/** Words longer than this count as long in LIX (Björnsson's readability index). */
const LIX_LONG_WORD = 6;

/**
 * Clarity of the agent's writing: LIX readability (works for English and Danish alike: average
 * sentence length plus the share of long words), jargon density, and the customer saying they
 * did not understand.
 */
export function scoreClarity(ctx: AnalysisContext): DimensionResult {
  const signals: Signal[] = [];
  const { lang, flags } = ctx;
  if (ctx.agent.length === 0) return { score: null, signals };
  if (lang === undefined)
    return { score: null, signals: [{ name: 'language.unsupported', value: 1, impact: 0 }] };
  const th = ctx.policy.policy.thresholds.clarity;

  let words = 0;
  let longWords = 0;
  let sentences = 0;
  let longest: { m: (typeof ctx.agent)[number]; start: number; end: number; words: number } | undefined;
  for (const m of ctx.agent) {
    for (const s of m.sentences) {
      let w = 0;
      for (let i = s.firstToken; i < s.endToken; i++) {
        const t = m.tokens[i] as Token;
        if (t.kind !== TokenKind.Word) continue;
        w++;
        if (t.end - t.start > LIX_LONG_WORD) longWords++;
      }
      if (w === 0) continue;
      words += w;
      sentences++;
      if (!longest || w > longest.words) longest = { m, start: s.start, end: s.end, words: w };
    }
  }
  if (words > 0 && sentences > 0) {
    const lix = words / sentences + (100 * longWords) / words;
    const maxLix = th.maxLix[lang] ?? 55;
    let impact = words >= th.minWords ? -Math.min(25, Math.max(0, Math.round(lix - (maxLix - 10)))) : 0;
    const evidence: Evidence[] = longest
      ? [evidenceOf(longest.m, longest.start, longest.end, 'clarity.low_readability:longest-sentence')]
      : [];
    if (words >= th.minWords && lix > maxLix) {
      impact += flags.raise(
        'clarity.low_readability',
        `The agent's text is hard to read (LIX ${Math.round(lix)}, above ${maxLix}): sentences average ${Math.round(words / sentences)} words and ${Math.round((100 * longWords) / words)}% of words are long.`,
        evidence,
      );
    }
    signals.push({ name: 'clarity.lix', value: round2(lix), impact, evidence });
    signals.push({ name: 'clarity.words_per_sentence', value: round2(words / sentences), impact: 0 });
  }

  const jargon: Evidence[] = [];
  for (const m of ctx.agent)
    for (const match of ctx.matches[m.index] ?? [])
      if (match.payload === 'jargon')
        jargon.push(evidenceOf(m, match.start, match.end, `clarity.jargon:${match.pattern}`));
  const density = words > 0 ? jargon.length / words : 0;
  let jargonImpact = 0;
  if (jargon.length >= th.jargonMinCount && density >= th.jargonMinDensity) {
    jargonImpact = flags.raise(
      'clarity.jargon',
      `The agent used jargon the customer may not know: ${quoteList(
        jargon.map((e) => e.text),
        5,
      )}.`,
      jargon,
      jargon.length - th.jargonMinCount + 1,
    );
  }
  signals.push({
    name: 'clarity.jargon',
    value: jargon.length,
    impact: jargonImpact,
    evidence: jargon.slice(0, 10),
  });

  const confusion: Evidence[] = [];
  // Confusion about the agent's explanation: only customer messages after the agent has spoken.
  const firstAgent = ctx.agent[0]?.index ?? Infinity;
  for (const m of ctx.customer.filter((c) => c.index > firstAgent))
    for (const match of ctx.matches[m.index] ?? [])
      if (match.payload === 'customerConfusion')
        confusion.push(evidenceOf(m, match.start, match.end, `clarity.customer_confusion:${match.pattern}`));
  if (confusion.length > 0) {
    const impact = flags.raise(
      'clarity.customer_confusion',
      `The customer said they did not understand: ${quoteList(confusion.map((e) => e.text))}.`,
      confusion,
      confusion.length,
    );
    signals.push({
      name: 'clarity.customer_confusion',
      value: confusion.length,
      impact,
      evidence: confusion.slice(0, 10),
    });
  }
  return { score: scoreFromImpacts(signals), signals };
}
