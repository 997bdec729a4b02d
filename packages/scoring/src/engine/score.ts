import type { InteractionEvent, Policy, ScoredInteraction, TranscriptEntry } from '@rapport/schemas';
import { scoreAccuracy } from '../accuracy/index.js';
import { scoreClarity } from '../clarity/index.js';
import { scoreCompliance } from '../compliance/index.js';
import { FlagCollector, maxSeverityOf, SEVERITY_RANK } from '../flags/collector.js';
import { buildInsight } from '../insight/index.js';
import { compileKnowledgeBase, type CompiledKnowledgeBase } from '../knowledge/match.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { decideLanguage } from '../language/detect.js';
import { isSupportedLanguage, LEXICONS } from '../lexicons/index.js';
import { extractClaims, type Claim } from '../accuracy/claims.js';
import { findCues, type Cue, type CueHit } from '../text/keywords.js';
import { scorePolitenessDimension } from '../politeness-dimension/index.js';
import { compilePolicy } from '../policy/compile.js';
import { scoreResponsiveness } from '../responsiveness/index.js';
import { scoreTone } from '../tone/index.js';
import { ENGINE_VERSION } from '../version.js';
import { analyseOutcome, overallScore } from '../outcome/index.js';
import type { AnalysisContext, DimensionResult } from './context.js';
import { prepareInteraction } from './prepare.js';
import { isParty } from './prepared.js';

export interface ScoringContext {
  policy: Policy;
  knowledgeBase?: KnowledgeBase;
  /** Clock for scoredAt; scoring is otherwise a pure function of the event and the context. */
  now?: () => Date;
}

const kbCache = new WeakMap<KnowledgeBase, CompiledKnowledgeBase>();
function compiledKb(kb: KnowledgeBase | undefined): CompiledKnowledgeBase | undefined {
  if (!kb) return undefined;
  let c = kbCache.get(kb);
  if (!c) kbCache.set(kb, (c = compileKnowledgeBase(kb)));
  return c;
}

/** Adds the language decision to every language-dependent dimension, so a reviewer sees why. */
function noteLanguage(result: DimensionResult, ctx: AnalysisContext): DimensionResult {
  if (ctx.language.method === 'fallback' && ctx.lang !== undefined) {
    result.signals.push({ name: 'language.detection_fallback', value: 1, impact: 0 });
  }
  return result;
}

/**
 * Scores one interaction on six dimensions, with evidence for every flag. Pure and
 * deterministic: no I/O, the only clock is ctx.now (for scoredAt).
 */
export function scoreInteraction(event: InteractionEvent, ctx: ScoringContext): ScoredInteraction {
  const policy = compilePolicy(ctx.policy);
  const interaction = prepareInteraction(event, policy.pii);
  const party = interaction.messages.filter(isParty);
  const language = decideLanguage({
    given: event.language,
    tokens: party.map((m) => m.tokens),
    texts: party.map((m) => m.text),
    fallback: ctx.policy.language.fallback,
    minDetectChars: ctx.policy.language.minDetectChars,
    isSupported: isSupportedLanguage,
  });
  const lang = isSupportedLanguage(language.code) ? language.code : undefined;
  const matcher = lang ? policy.matchers[lang] : undefined;
  const lexicon = lang ? LEXICONS[lang] : undefined;
  const claimCache = new Map<number, readonly Claim[]>();
  const cueCache = new WeakMap<readonly Cue[], Map<number, readonly CueHit[]>>();
  const flags = new FlagCollector(policy.resolve);
  const analysis: AnalysisContext = {
    interaction,
    language,
    lang,
    lexicon,
    matches: interaction.messages.map((m) => (matcher && m.tokens.length > 0 ? matcher.match(m.tokens) : [])),
    policy,
    flags,
    kb: compiledKb(ctx.knowledgeBase),
    claims: (m) => {
      let c = claimCache.get(m.index);
      if (c === undefined) claimCache.set(m.index, (c = lexicon ? extractClaims(m, lexicon) : []));
      return c;
    },
    cueHits: (m, sentence, cues) => {
      let bySentence = cueCache.get(cues);
      if (!bySentence) cueCache.set(cues, (bySentence = new Map<number, readonly CueHit[]>()));
      // Sentence indices stay far below 2^20 (a message's analysed prefix is bounded).
      const key = m.index * 1_048_576 + sentence;
      let hits = bySentence.get(key);
      if (hits === undefined) {
        const s = m.sentences[sentence];
        hits = s ? findCues(m.tokens, s.firstToken, s.endToken, cues) : [];
        bySentence.set(key, hits);
      }
      return hits;
    },
    agent: interaction.messages.filter((m) => m.role === 'agent'),
    customer: interaction.messages.filter((m) => m.role === 'customer'),
  };

  // Tone before politeness: a specific tone flag takes precedence over the generic impolite flag.
  const tone = noteLanguage(scoreTone(analysis), analysis);
  const politeness = noteLanguage(scorePolitenessDimension(analysis), analysis);
  const accuracy = noteLanguage(scoreAccuracy(analysis), analysis);
  const clarity = noteLanguage(scoreClarity(analysis), analysis);
  const responsiveness = scoreResponsiveness(analysis);
  const compliance = scoreCompliance(analysis);
  const scores = { politeness, tone, accuracy, clarity, responsiveness, compliance };

  const outcome = analyseOutcome(analysis);
  const overall = overallScore(
    Object.values(scores).map((d) => d.score),
    outcome.score,
  );
  const flagList = flags.flags();
  const threshold = SEVERITY_RANK[ctx.policy.reviewThreshold];
  const transcript: TranscriptEntry[] = interaction.messages.map((m) => {
    const entry: TranscriptEntry = { index: m.index, role: m.role, text: m.text };
    if (m.at !== undefined) entry.at = m.at;
    if (m.startSec !== undefined) entry.startSec = m.startSec;
    if (m.endSec !== undefined) entry.endSec = m.endSec;
    if (m.subject !== undefined) entry.subject = m.subject;
    return entry;
  });
  const out: ScoredInteraction = {
    schemaVersion: 1,
    interactionId: event.interactionId,
    revision: event.revision,
    tenantId: event.tenantId,
    channel: event.channel,
    occurredAt: event.occurredAt,
    agent: { ...event.agent },
    customer: { id: event.customer.id },
    source: { ...event.source },
    tags: [...(event.tags ?? [])],
    language: { code: language.code, detected: language.detected, supported: lang !== undefined },
    scores,
    overall,
    outcome,
    flags: flagList,
    flagged: flagList.some((f) => SEVERITY_RANK[f.severity] >= threshold),
    maxSeverity: maxSeverityOf(flagList),
    redactions: interaction.redactionCounts,
    insight: buildInsight(analysis, responsiveness),
    transcript,
    policy: { id: ctx.policy.id, version: ctx.policy.version },
    engineVersion: ENGINE_VERSION,
    scoredAt: (ctx.now?.() ?? new Date()).toISOString(),
  };
  return out;
}
