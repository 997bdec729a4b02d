import type { Signal } from '@rapport/schemas';
import type { LanguageDecision } from '../language/detect.js';
import type { Claim } from '../accuracy/claims.js';
import type { Lexicon, SupportedLanguage } from '../lexicons/index.js';
import type { CompiledKnowledgeBase } from '../knowledge/match.js';
import type { CompiledPolicy, MatchPayload } from '../policy/compile.js';
import type { FlagCollector } from '../flags/collector.js';
import type { PhraseMatch } from '../text/phrases.js';
import type { Cue, CueHit } from '../text/keywords.js';
import type { PreparedInteraction, PreparedMessage } from './prepared.js';

/** Everything an analysis reads; built once per interaction. */
export interface AnalysisContext {
  interaction: PreparedInteraction;
  language: LanguageDecision;
  /** Set when the language has lexicons; language-dependent analyses run only then. */
  lang: SupportedLanguage | undefined;
  lexicon: Lexicon | undefined;
  /** Lexicon phrase matches per message index (empty for bot/system and unsupported languages). */
  matches: readonly (readonly PhraseMatch<MatchPayload>[])[];
  /** Claims per message index, extracted once (see accuracy/claims.ts). */
  claims: (m: PreparedMessage) => readonly Claim[];
  /** Cue hits in one sentence of a message, found once per (cue list, message, sentence). */
  cueHits: CueHitsOf;
  policy: CompiledPolicy;
  flags: FlagCollector;
  kb: CompiledKnowledgeBase | undefined;
  agent: readonly PreparedMessage[];
  customer: readonly PreparedMessage[];
}

export type CueHitsOf = (m: PreparedMessage, sentence: number, cues: readonly Cue[]) => readonly CueHit[];

export interface DimensionResult {
  score: number | null;
  signals: Signal[];
}

export function clampScore(v: number): number {
  return Math.max(0, Math.min(100, Math.round(v)));
}

/** 100 plus the signals' impacts, clamped to 0-100. */
export function scoreFromImpacts(signals: readonly Signal[], base = 100): number {
  let s = base;
  for (const sig of signals) s += sig.impact ?? 0;
  return clampScore(s);
}

export function quoteList(texts: readonly string[], max = 3): string {
  const uniq = [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
  const shown = uniq.slice(0, max).map((t) => `"${t.length > 80 ? `${t.slice(0, 77)}...` : t}"`);
  return shown.join(', ') + (uniq.length > max ? ` and ${uniq.length - max} more` : '');
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
