import type { Evidence, Severity, Signal } from '@rapport/schemas';
import { classifierNames, classifyText, type ClassifierName } from '../classify/index.js';
import type { AnalysisContext } from '../engine/context.js';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import type { FlagCode } from '../flags/catalog.js';
import { LEXICON_SETS } from '../lexicons/index.js';
import type { Token } from '../text/tokenize.js';
import type { OwnWords } from './own-words.js';
import { bandOf, maxSeverity, raised } from './severity.js';
import { addressesYou, targetOf } from './targeting.js';

/** The flag each learned detector raises and how its message describes the agent. */
export const MODEL_FLAGS: Readonly<Record<ClassifierName, { code: FlagCode; what: string }>> = {
  offensive: { code: 'tone.rudeness', what: 'offensive' },
  hostile: { code: 'tone.rudeness', what: 'hostile' },
  condescending: { code: 'tone.condescension', what: 'condescending' },
  dismissive: { code: 'tone.dismissive', what: 'dismissive' },
};

/** Text the models read: the analysed prefix of the message (the rest was never tokenized). */
function analysedText(m: PreparedMessage): string {
  const last = m.tokens[m.tokens.length - 1];
  return m.truncated && last !== undefined ? m.text.slice(0, last.end) : m.text;
}

function blank(text: string, ranges: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    out += text.slice(at, a) + ' '.repeat(b - a);
    at = b;
  }
  return out + text.slice(at);
}

function tokenRange(tokens: readonly Token[], start: number, end: number): [number, number] {
  let first = tokens.length;
  let last = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.end > start && t.start < end) {
      first = Math.min(first, i);
      last = i + 1;
    }
  }
  return [first, last];
}

interface Hit {
  name: ClassifierName;
  probability: number;
  severity: Severity;
  evidence: Evidence[];
}

/**
 * Applies the learned detectors to each agent message and raises their flags. Words that are not
 * the agent's own (quoted, echoed from the customer) are blanked before the model reads the
 * message, and evidence aimed at the agent themself or at a thing is dropped; when no evidence
 * is left, the message is not flagged. Severity follows the probability bands of the policy,
 * one step higher when the evidence is aimed at "you".
 */
export function scoreWithModels(ctx: AnalysisContext, own: OwnWords, signals: Signal[]): void {
  const lang = ctx.lang;
  if (lang === undefined || classifierNames(lang).length === 0) return;
  const models = ctx.policy.policy.thresholds.tone.models;
  const bandsOf = (name: ClassifierName) => models[name].languages[lang] ?? models[name];
  const stopwords = LEXICON_SETS[lang].stopwords;
  const best = new Map<ClassifierName, number>();
  const hits: Hit[] = [];
  for (const m of ctx.agent) {
    if (m.tokens.length === 0) continue;
    const text = analysedText(m);
    const decided = classifyText(lang, text, { spans: false });
    if (!decided.some((r) => r.probability >= bandsOf(r.name).flagAt)) {
      for (const r of decided) best.set(r.name, Math.max(best.get(r.name) ?? 0, r.probability));
      continue;
    }
    const foreign = own.foreignRanges(m).filter(([a]) => a < text.length);
    const swearing: [number, number][] = [];
    for (const match of ctx.matches[m.index] ?? [])
      if (match.payload === 'profanity') swearing.push([match.start, match.end]);
    // Evidence only now that a model may flag: with the customer's quoted words blanked out.
    const results = classifyText(lang, foreign.length > 0 ? blank(text, foreign) : text);
    for (const r of results) {
      best.set(r.name, Math.max(best.get(r.name) ?? 0, r.probability));
      const band = bandOf(r.probability, bandsOf(r.name));
      if (band === undefined) continue;
      let severity = band;
      const evidence: Evidence[] = [];
      let aimedAtYou = false;
      for (const s of r.spans) {
        const [first, end] = tokenRange(m.tokens, s.start, s.end);
        if (first >= end) continue;
        // Evidence a manager can read must hold a word with meaning; "What" or "And" alone shows nothing.
        if (onlyFunctionWords(m.tokens, first, end, stopwords)) continue;
        // Looking back from the span's last word also reads the pronouns inside it ("I'm an idiot").
        const target = targetOf(m.tokens, end - 1, end, lang);
        if (target === 'self' || target === 'thing') continue;
        const atYou = target === 'customer' && addressesYou(m.tokens, first, end, lang);
        // Swearing that is not aimed at the customer is tone.profanity's to judge, not rudeness.
        if (!atYou && swearing.some(([a, b]) => s.start < b && a < s.end)) continue;
        // Only words that address the customer directly raise the band, not any "you" in the sentence.
        if (atYou) aimedAtYou = true;
        const code = MODEL_FLAGS[r.name].code;
        evidence.push(evidenceOf(m, s.start, s.end, `${code}:model(${r.name})`));
      }
      if (evidence.length === 0) continue;
      if (aimedAtYou) severity = raised(severity);
      hits.push({ name: r.name, probability: r.probability, severity, evidence });
    }
  }
  for (const [name, p] of best) {
    if (name === 'condescending' || name === 'dismissive') dropInsultEchoes(hits, name, ctx);
    const mine = hits.filter((h) => h.name === name);
    let impact = 0;
    if (mine.length > 0) {
      const { code, what } = MODEL_FLAGS[name];
      const top = Math.max(...mine.map((h) => h.probability));
      const severity = mine.map((h) => h.severity).reduce(maxSeverity);
      const evidence = mine.flatMap((h) => h.evidence);
      const alreadyRaised = ctx.flags.has(code);
      const quoted = [...new Set(evidence.map((e) => `"${e.text}"`))].slice(0, 3).join(', ');
      const cost = ctx.flags.raise(
        code,
        `The ${name} model (probability ${top.toFixed(2)}) found the agent ${what}: ${quoted}.`,
        evidence,
        mine.length,
        severity,
      );
      // A phrase rule already charged the dimension for this code; the model adds evidence only.
      impact = alreadyRaised ? 0 : cost;
    }
    signals.push({
      name: `tone.model.${name}`,
      value: Math.round(p * 1000) / 1000,
      impact,
      evidence: mine.flatMap((h) => h.evidence).slice(0, 10),
    });
  }
}

function onlyFunctionWords(
  tokens: readonly Token[],
  first: number,
  end: number,
  stopwords: ReadonlySet<string>,
): boolean {
  for (let k = first; k < end; k++) if (!stopwords.has((tokens[k] as Token).norm)) return false;
  return true;
}

function overlaps(a: Evidence, b: Evidence): boolean {
  return a.messageIndex === b.messageIndex && a.start < b.end && b.start < a.end;
}

/**
 * The condescension and dismissiveness models also rise on plain insults. When every word of such
 * a hit is already evidence of rudeness (a phrase rule or a rudeness model), the insult is one
 * fault, reported once as the stronger flag, not three times.
 */
function dropInsultEchoes(hits: Hit[], name: ClassifierName, ctx: AnalysisContext): void {
  if (!hits.some((h) => h.name === name)) return;
  const rude: Evidence[] = [];
  for (const h of hits) if (MODEL_FLAGS[h.name].code === 'tone.rudeness') rude.push(...h.evidence);
  for (const f of ctx.flags.flags()) if (f.code === 'tone.rudeness') rude.push(...f.evidence);
  if (rude.length === 0) return;
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i] as Hit;
    if (h.name === name && h.evidence.every((e) => rude.some((r) => overlaps(e, r)))) hits.splice(i, 1);
  }
}
