import type { Evidence, Signal } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import { quoteList, round2, type AnalysisContext, type DimensionResult } from '../engine/context.js';
import { MAX_ANALYSED_CHARS } from '../engine/prepare.js';
import type { FlagCode } from '../flags/catalog.js';
import { LEXICON_SETS, type PhraseCategory } from '../lexicons/index.js';
import {
  detectStrategies,
  MARKERS,
  readSentence,
  scorePoliteness,
  type MarkerKind,
} from '../politeness/index.js';
import { BASE, COURTESY, IMPOLITE_WORDING, WARMTH, type WarmthKind } from './scale.js';

/** Tone-lexicon categories that are impolite wording in the agent's mouth. */
const IMPOLITE_CATEGORIES: ReadonlySet<PhraseCategory> = new Set<PhraseCategory>([
  'condescension',
  'rudeness',
  'insult',
  'profanity',
  'dismissive',
  'blame',
]);

/** A specific tone flag already explains the impoliteness; raising both would count it twice. */
const MORE_SPECIFIC: readonly FlagCode[] = [
  'tone.rudeness',
  'tone.condescension',
  'tone.dismissive',
  'tone.blame',
  'tone.profanity',
];

const STRATEGY_WARMTH: Readonly<Record<string, WarmthKind>> = {
  greeting: 'greeting',
  gratitude: 'gratitude',
  apology: 'apology',
  please: 'please',
  please_start: 'please',
};

const MAX_EVIDENCE = 5;
/**
 * Spans kept per list (impolite wording, each kind of warmth) and requests judged per
 * conversation: the points saturate long before, and a repetitive paste must not make the
 * overlap checks between lists quadratic.
 */
const MAX_TRACKED = 100;
const MAX_REQUESTS = 200;

interface Span {
  m: PreparedMessage;
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span): boolean => a.m === b.m && a.start < b.end && b.start < a.end;

/**
 * Politeness of the agent on a 0-100 scale whose middle means something: a courteous, factual,
 * professional reply sits at BASE; warmth raises it, blunt commands, impolite requests, talking
 * down and sarcasm lower it (scale.ts holds the points; the model card documents the scale).
 * Only requests are judged by the request model; statements count by their markers alone.
 */
export function scorePolitenessDimension(ctx: AnalysisContext): DimensionResult {
  const signals: Signal[] = [];
  const { lang } = ctx;
  if (lang === undefined)
    return { score: null, signals: [{ name: 'language.unsupported', value: 1, impact: 0 }] };
  const agent = ctx.agent.filter((m) => m.tokens.length > 0);
  if (agent.length === 0) return { score: null, signals };
  const th = ctx.policy.policy.thresholds.politeness;
  const imperatives = LEXICON_SETS[lang].imperativeVerbs;
  const markers = MARKERS[lang];

  // Impolite wording first: warmth quoted inside it ("thanks for nothing") is not warmth.
  const impolite: { kind: 'talking_down' | 'sarcasm' | 'rude_wording'; span: Span; rule: string }[] = [];
  const warmth = new Map<WarmthKind, Span[]>();
  const addWarmth = (kind: WarmthKind, span: Span): void => {
    if (impolite.some((i) => overlaps(i.span, span))) return;
    let list = warmth.get(kind);
    if (!list) warmth.set(kind, (list = []));
    if (list.length < MAX_TRACKED) list.push(span);
  };
  const markerSpans: { kind: MarkerKind; span: Span; pattern: string }[] = [];
  for (const m of agent) {
    for (const match of ctx.matches[m.index] ?? []) {
      if (
        impolite.length < MAX_TRACKED &&
        typeof match.payload === 'string' &&
        IMPOLITE_CATEGORIES.has(match.payload)
      )
        impolite.push({
          kind: 'rude_wording',
          span: { m, start: match.start, end: match.end },
          rule: `${match.payload}:${match.pattern}`,
        });
    }
    for (const match of markers.match(m.tokens))
      markerSpans.push({
        kind: match.payload,
        span: { m, start: match.start, end: match.end },
        pattern: match.pattern,
      });
  }
  for (const { kind, span, pattern } of markerSpans) {
    if ((kind !== 'talking_down' && kind !== 'sarcasm') || impolite.length >= MAX_TRACKED) continue;
    // The tone lexicon may quote the same words ("obviously"): one piece of wording counts once.
    if (!impolite.some((i) => overlaps(i.span, span))) impolite.push({ kind, span, rule: pattern });
  }
  for (const { kind, span } of markerSpans)
    if (kind === 'offer' || kind === 'wellwish') addWarmth(kind, span);

  // Requests go to the request model; every sentence is read for commands.
  const requests: { span: Span; p: number; softened: boolean; command: boolean; urgent: boolean }[] = [];
  for (const m of agent) {
    const limit = m.truncated ? MAX_ANALYSED_CHARS : m.text.length;
    for (const st of detectStrategies(m.text.slice(0, limit), lang)) {
      const kind = STRATEGY_WARMTH[st.name];
      if (kind !== undefined) addWarmth(kind, { m, start: st.start, end: st.end });
    }
    for (const s of m.sentences) {
      if (requests.length >= MAX_REQUESTS) break;
      const reading = readSentence(m.tokens, s, lang, imperatives);
      if (reading.kind === 'statement') continue;
      const span = { m, start: s.start, end: s.end };
      // "Don't hesitate to ask" and "Have a nice day" are warmth, not orders.
      if (markerSpans.some((x) => (x.kind === 'offer' || x.kind === 'wellwish') && overlaps(x.span, span)))
        continue;
      const p = scorePoliteness(m.text.slice(s.start, s.end), lang).probability;
      requests.push({
        span,
        p,
        softened: reading.softened,
        command: reading.kind === 'command',
        urgent: reading.urgent,
      });
    }
  }

  signals.push({ name: 'politeness.base', value: BASE });
  let score = BASE;

  for (const [kind, points] of Object.entries(WARMTH) as [WarmthKind, number][]) {
    const spans = warmth.get(kind);
    if (!spans) continue;
    score += points;
    signals.push({
      name: `politeness.warmth.${kind}`,
      value: spans.length,
      impact: points,
      evidence: spans
        .slice(0, MAX_EVIDENCE)
        .map((x) => evidenceOf(x.m, x.start, x.end, `politeness.warmth:${kind}`)),
    });
  }

  if (requests.length > 0) {
    const mean = requests.reduce((a, r) => a + r.p, 0) / requests.length;
    const impact = round2((mean - 0.5) * IMPOLITE_WORDING.requestSpan);
    score += impact;
    signals.push({
      name: 'politeness.requests',
      value: requests.length,
      impact,
      evidence: [...requests]
        .sort((a, b) => a.p - b.p)
        .slice(0, MAX_EVIDENCE)
        .map((r) => evidenceOf(r.span.m, r.span.start, r.span.end, `politeness.request:p=${r.p.toFixed(2)}`)),
    });
    signals.push({ name: 'politeness.request_probability', value: round2(mean) });
  }

  const courteous = [...warmth.keys()].some((k) => COURTESY.has(k));
  const bare = requests.filter((r) => r.command && !r.softened);
  const curt = !courteous && bare.length >= IMPOLITE_WORDING.curtCommands;
  if (bare.length > 0) {
    const each = courteous ? IMPOLITE_WORDING.bareCommand : IMPOLITE_WORDING.bareCommandUncushioned;
    const units = bare.reduce((a, r) => a + (r.urgent ? 2 : 1), 0);
    const impact = -Math.min(IMPOLITE_WORDING.bareCommandCap, units * each);
    score += impact;
    signals.push({
      name: 'politeness.bare_commands',
      value: bare.length,
      impact,
      evidence: bare
        .slice(0, MAX_EVIDENCE)
        .map((r) => evidenceOf(r.span.m, r.span.start, r.span.end, 'politeness.impolite:bare-command')),
    });
  }

  for (const kind of ['talking_down', 'sarcasm', 'rude_wording'] as const) {
    const found = impolite.filter((i) => i.kind === kind);
    if (found.length === 0) continue;
    const impact = -Math.min(IMPOLITE_WORDING.markerCap, found.length * IMPOLITE_WORDING.marker);
    score += impact;
    signals.push({
      name: `politeness.${kind}`,
      value: found.length,
      impact,
      evidence: found
        .slice(0, MAX_EVIDENCE)
        .map((i) => evidenceOf(i.span.m, i.span.start, i.span.end, `politeness.impolite:${kind}:${i.rule}`)),
    });
  }

  const strong = requests.filter(
    (r) => !r.softened && (r.p < th.strongImpoliteRequestBelow || (curt && r.command)),
  );
  if (strong.length > 0)
    signals.push({ name: 'politeness.strongly_impolite_requests', value: strong.length });

  // A flag needs words to show a manager: a low score from plain questions alone is not one;
  // uncushioned commands are (curtness), and so is a request the model finds strongly impolite.
  const final = Math.max(0, Math.min(100, Math.round(score)));
  const impolitePerSe = final < th.impoliteBelow && impolite.length + strong.length > 0;
  // The flag routes the conversation to review; it does not move the score again, so the score
  // means the same whether or not a tone flag already took the words (and whatever the severity).
  if (impolitePerSe && !MORE_SPECIFIC.some((c) => ctx.flags.has(c))) {
    const evidence: Evidence[] = [
      ...impolite.map((i) =>
        evidenceOf(i.span.m, i.span.start, i.span.end, `politeness.impolite:${i.kind}:${i.rule}`),
      ),
      ...strong.map((r) =>
        evidenceOf(r.span.m, r.span.start, r.span.end, `politeness.impolite:request:p=${r.p.toFixed(2)}`),
      ),
    ];
    ctx.flags.raise(
      'politeness.impolite',
      `The agent's politeness scored ${final}/100 (a courteous factual reply scores ${BASE}): ${quoteList(evidence.map((e) => e.text))}.`,
      evidence,
    );
  }
  signals.push({ name: 'politeness.impolite', value: impolitePerSe ? 1 : 0 });
  return { score: final, signals };
}
