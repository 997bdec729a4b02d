import { z } from 'zod';
import { Channel, Dimension, idString, Severity, TenantId, Timestamp } from './common.js';

/** Where in the transcript a score or flag comes from: which message, which words, which rule. */
export const Evidence = z.object({
  /** Index into the transcript's messages (e-mail/chat) or segments (call). */
  messageIndex: z.number().int().min(0),
  /** UTF-16 offsets into that message's normalised, redacted text as a reviewer sees it. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** The quoted words, already redacted. */
  text: z.string(),
  /** The rule or signal that matched, e.g. "tone.condescension:as-i-already-said". */
  rule: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const FlagCode = z
  .string()
  .regex(/^[a-z]+(\.[a-z0-9_]+)+$/, 'must look like "dimension.rule", e.g. "tone.condescension"');

export const Flag = z.object({
  code: FlagCode,
  dimension: Dimension,
  severity: Severity,
  /** Plain-language explanation for a manager. */
  message: z.string(),
  evidence: z.array(Evidence),
});
export type Flag = z.infer<typeof Flag>;

/** A named, measured input to a dimension score. */
export const Signal = z.object({
  name: z.string(),
  value: z.number(),
  /** How the signal moved the score, in points (negative lowers it). */
  impact: z.number().optional(),
  evidence: z.array(Evidence).optional(),
});
export type Signal = z.infer<typeof Signal>;

export const DimensionScore = z.object({
  /** 0-100, higher is better; null when the dimension cannot be judged (e.g. no agent text). */
  score: z.number().min(0).max(100).nullable(),
  signals: z.array(Signal),
});
export type DimensionScore = z.infer<typeof DimensionScore>;

export const Scores = z.object({
  politeness: DimensionScore,
  tone: DimensionScore,
  accuracy: DimensionScore,
  clarity: DimensionScore,
  responsiveness: DimensionScore,
  compliance: DimensionScore,
});
export type Scores = z.infer<typeof Scores>;

/** One message or segment as stored and shown: normalised (quotes and signatures removed) and redacted. */
export const TranscriptEntry = z.object({
  index: z.number().int().min(0),
  role: z.enum(['agent', 'customer', 'bot', 'system']),
  at: Timestamp.optional(),
  startSec: z.number().optional(),
  endSec: z.number().optional(),
  subject: z.string().optional(),
  text: z.string(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

/** A customer keyphrase candidate: a normalised uni- or bigram and how often the customer used it. */
export const Keyphrase = z.object({
  /** Lower-case words, English plurals folded ("late delivery"); never contains redacted PII. */
  text: z.string().min(1).max(80),
  count: z.number().int().min(1),
});
export type Keyphrase = z.infer<typeof Keyphrase>;

/**
 * What manager insights need from an interaction, kept for every interaction (flagged or not):
 * transcripts are stored for flagged interactions only, so topic analysis reads these keyphrases.
 */
export const InteractionInsight = z.object({
  /** Up to 8, most salient first; empty for languages without lexicons. */
  keyphrases: z.array(Keyphrase).max(8),
  /**
   * Seconds from the customer's first message to the agent's first reply after it (calls: from the
   * end of the customer's first segment); null when there was none or the agent started.
   */
  firstResponseSec: z.number().min(0).nullable(),
  messages: z.object({ customer: z.number().int().min(0), agent: z.number().int().min(0) }),
});
export type InteractionInsight = z.infer<typeof InteractionInsight>;

/**
 * How the conversation ended for the customer: the customer's mood over their messages (the last
 * ones weigh most), thanks and "that worked", repeated asks, requests to escalate, an unresolved
 * last word. It describes the customer's experience, never a fault of the agent: it raises no
 * flags, and an abusive customer does not lower it.
 */
export const CustomerOutcome = z.object({
  /** Always "customer": whose outcome this is, so no reader takes it for an agent dimension. */
  about: z.literal('customer'),
  /** 0-100, higher is better for the customer, 50 when nothing points either way; null without customer text. */
  score: z.number().min(0).max(100).nullable(),
  /** One plain-language sentence for a reviewer: what the score rests on. */
  summary: z.string(),
  /** What moved the score, each with the customer's words that show it. */
  signals: z.array(Signal),
});
export type CustomerOutcome = z.infer<typeof CustomerOutcome>;

export const ScoredInteraction = z.object({
  schemaVersion: z.literal(1),
  interactionId: idString(200),
  revision: z.number().int().min(1),
  tenantId: TenantId,
  channel: Channel,
  occurredAt: Timestamp,
  agent: z.object({ id: z.string(), name: z.string().optional(), teamId: z.string() }),
  customer: z.object({ id: z.string() }),
  source: z.object({ system: z.string(), externalId: z.string().optional() }),
  tags: z.array(z.string()),
  language: z.object({
    code: z.string(),
    /** True when the producer gave no language and it was detected from the text. */
    detected: z.boolean(),
    /** False for languages without lexicons: only language-neutral signals were scored. */
    supported: z.boolean(),
  }),
  scores: Scores,
  /**
   * Engines 2.x: the customer outcome and the mean of the judged agent dimensions, blended (see
   * the README's scoring section); engines 1.x: the mean of the judged dimensions alone.
   */
  overall: z.number().min(0).max(100).nullable(),
  /** Set by engines 2.0 and later; absent on interactions scored before. */
  outcome: CustomerOutcome.optional(),
  flags: z.array(Flag),
  /** True when any flag reaches the policy's review threshold. */
  flagged: z.boolean(),
  maxSeverity: Severity.nullable(),
  /**
   * Set by the scorer: true when the interaction is not flagged but goes to review as part of the
   * policy's control sample (so managers can measure what the rules miss).
   */
  controlSample: z.boolean().optional(),
  redactions: z.record(z.string(), z.number().int().min(0)),
  /** Set by engines that compute it (absent from older producers). */
  insight: InteractionInsight.optional(),
  transcript: z.array(TranscriptEntry),
  policy: z.object({ id: z.string(), version: z.string() }),
  engineVersion: z.string(),
  scoredAt: Timestamp,
});
export type ScoredInteraction = z.infer<typeof ScoredInteraction>;
