import type { Evidence, Signal } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import { round2, type AnalysisContext, type DimensionResult } from '../engine/context.js';
import { MAX_ANALYSED_CHARS } from '../engine/prepare.js';
import type { FlagCode } from '../flags/catalog.js';
import { LEXICON_SETS } from '../lexicons/index.js';
import { scorePoliteness, type PolitenessResult, type PolitenessStrategy } from '../politeness/index.js';

/** Strategies that make a message less polite; they are the evidence for politeness.impolite. */
const IMPOLITE_STRATEGIES = new Set([
  'direct_start',
  'direct_question',
  'imperative_start',
  'second_person_start',
  'negative_lexicon',
  'factuality',
  'imperative',
]);

/** A specific tone flag already explains the impoliteness; raising both would count it twice. */
const MORE_SPECIFIC: readonly FlagCode[] = [
  'tone.rudeness',
  'tone.condescension',
  'tone.dismissive',
  'tone.blame',
  'tone.profanity',
];

/**
 * Whether the strategy's span of the stored text reads exactly its quote:
 * `m.text.slice(st.start, st.end) === st.text`, without allocating the slice (this runs for every
 * strategy of every agent message).
 */
function quotes(m: PreparedMessage, st: PolitenessStrategy): boolean {
  return st.text.length === Math.max(0, st.end - st.start) && m.text.startsWith(st.text, st.start);
}

/**
 * Politeness of the agent: each agent message scored by the politeness model, combined as a
 * length-weighted mean (a one-word "ok" does not outweigh a paragraph) and mapped to 0-100.
 */
export function scorePolitenessDimension(ctx: AnalysisContext): DimensionResult {
  const signals: Signal[] = [];
  const { lang } = ctx;
  if (lang === undefined)
    return { score: null, signals: [{ name: 'language.unsupported', value: 1, impact: 0 }] };
  const scored: { m: PreparedMessage; r: PolitenessResult; weight: number }[] = [];
  for (const m of ctx.agent) {
    if (m.tokens.length === 0) continue;
    const text = m.truncated ? m.text.slice(0, MAX_ANALYSED_CHARS) : m.text;
    const r = scorePoliteness(text, lang);
    scored.push({ m, r, weight: Math.max(3, m.tokens.length) });
  }
  if (scored.length === 0) return { score: null, signals };
  let sum = 0;
  let weights = 0;
  for (const s of scored) {
    sum += s.r.probability * s.weight;
    weights += s.weight;
  }
  const probability = sum / weights;
  const score = Math.round(probability * 100);
  signals.push({ name: 'politeness.probability', value: round2(probability) });

  // Strategies as signals, with their spans as evidence (checked against the stored text).
  const byStrategy = new Map<string, Evidence[]>();
  for (const { m, r } of scored) {
    for (const st of r.strategies) {
      if (st.end > m.text.length || !quotes(m, st)) continue;
      let list = byStrategy.get(st.name);
      if (!list) byStrategy.set(st.name, (list = []));
      list.push(evidenceOf(m, st.start, st.end, `politeness.strategy:${st.name}`));
    }
  }
  for (const [name, evidence] of byStrategy) {
    signals.push({
      name: `politeness.strategy.${name}`,
      value: evidence.length,
      evidence: evidence.slice(0, 5),
    });
  }

  // Bare commands and no courtesy at all: the model can miss curtness wrapped in "Hi" and "Regards".
  const { courtesyWords: courtesy, imperativeVerbs: imperatives } = LEXICON_SETS[lang];
  let courteous = 0;
  const commands: Evidence[] = [];
  for (const { m } of scored) {
    for (const t of m.tokens) if (courtesy.has(t.norm)) courteous++;
    for (const s of m.sentences) {
      const first = m.tokens[s.firstToken];
      if (first !== undefined && imperatives.has(first.norm))
        commands.push(evidenceOf(m, s.start, s.end, 'politeness.impolite:bare-command'));
    }
  }
  signals.push({ name: 'politeness.courtesy_markers', value: courteous });
  signals.push({ name: 'politeness.bare_commands', value: commands.length, evidence: commands.slice(0, 5) });

  const threshold = ctx.policy.policy.thresholds.politeness.impoliteBelow;
  let impact = 0;
  const curt = courteous === 0 && (score < threshold || commands.length >= 2);
  if (curt && !MORE_SPECIFIC.some((c) => ctx.flags.has(c))) {
    const worst = scored.reduce((a, b) => (b.r.probability < a.r.probability ? b : a));
    let evidence: Evidence[] =
      commands.length > 0
        ? commands
        : worst.r.strategies
            .filter((st) => IMPOLITE_STRATEGIES.has(st.name) && quotes(worst.m, st))
            .map((st) => evidenceOf(worst.m, st.start, st.end, `politeness.impolite:${st.name}`));
    if (evidence.length === 0) {
      const s = worst.m.sentences[0];
      evidence = [
        evidenceOf(
          worst.m,
          s?.start ?? 0,
          s?.end ?? Math.min(worst.m.text.length, 200),
          'politeness.impolite:least-polite-message',
        ),
      ];
    }
    impact = ctx.flags.raise(
      'politeness.impolite',
      `The agent was curt: no courtesy words (thanks, please, sorry) in any message${commands.length > 0 ? `, and ${commands.length} bare command${commands.length === 1 ? '' : 's'}` : ''}; politeness model ${score}/100.`,
      evidence,
    );
  }
  signals.push({ name: 'politeness.impolite', value: curt ? 1 : 0, impact });
  return { score: Math.max(0, Math.min(100, score + impact)), signals };
}
