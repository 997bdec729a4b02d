import { z } from 'zod';
import {
  CustomerOutcome,
  DimensionScore,
  Flag,
  ReviewEvent,
  ScoredInteraction,
  ScorecardUpdate,
  toValidationIssues,
  type ReviewContribution,
  type ScoredContribution,
} from '@rapport/schemas';
import { dayOf } from './keys.js';

/** One input to the scorecards: a scored interaction's revision or a review's version, placed on an agent-day. */
export type Fact =
  | { kind: 'scored'; tenantId: string; agentId: string; day: string; entry: ScoredContribution }
  | { kind: 'review'; tenantId: string; agentId: string; day: string; entry: ReviewContribution };
export type FactKind = Fact['kind'];

export const factVersion = (f: Fact): number => (f.kind === 'scored' ? f.entry.revision : f.entry.version);

/** Why a message could not be read: a stable code (for metrics) and what was wrong (for logs). */
export type MalformedCode = 'EMPTY' | 'INVALID_JSON' | 'SCHEMA_VIOLATION';
export type FactDecodeResult = { ok: true; fact: Fact } | { ok: false; code: MalformedCode; reason: string };

const score = DimensionScore.pick({ score: true });

/**
 * Only what a scorecard uses of a scored interaction: checked against the contract's own field
 * schemas, without walking signals and evidence (most of a message's size).
 */
const ScoredForScorecard = ScoredInteraction.pick({
  schemaVersion: true,
  interactionId: true,
  revision: true,
  tenantId: true,
  occurredAt: true,
  agent: true,
  overall: true,
  flagged: true,
  controlSample: true,
  engineVersion: true,
}).extend({
  outcome: CustomerOutcome.pick({ score: true }).optional(),
  scores: z.object({
    politeness: score,
    tone: score,
    accuracy: score,
    clarity: score,
    responsiveness: score,
    compliance: score,
  }),
  flags: z.array(Flag.pick({ code: true, severity: true })),
});

const ReviewForScorecard = ReviewEvent.pick({ schemaVersion: true, interaction: true }).extend({
  review: ReviewEvent.shape.review.pick({
    tenantId: true,
    interactionId: true,
    version: true,
    flagDecisions: true,
  }),
});

/** Parses a message value as JSON. Never throws. */
export function parseJson(
  bytes: Buffer | null,
): { ok: true; json: unknown } | { ok: false; code: MalformedCode; reason: string } {
  if (bytes === null || bytes.length === 0)
    return { ok: false, code: 'EMPTY', reason: 'empty message value' };
  try {
    return { ok: true, json: JSON.parse(bytes.toString('utf8')) };
  } catch (err) {
    // The parser's message quotes the start of the value (a conversation): only where it broke.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    const where = at === undefined ? '' : ` at character ${at}`;
    return { ok: false, code: 'INVALID_JSON', reason: `not valid JSON${where} (${bytes.length} bytes)` };
  }
}

/** The first few validation issues, for a log line. */
export function describeIssues(error: z.ZodError): string {
  return toValidationIssues(error)
    .slice(0, 3)
    .map((i) => `${i.path || '(root)'}: ${i.message}`)
    .join('; ');
}

/** A ScoredInteraction message (rapport.scored.v1) as a scorecard fact. Never throws. */
export function decodeScoredFact(bytes: Buffer | null): FactDecodeResult {
  const raw = parseJson(bytes);
  if (!raw.ok) return raw;
  const parsed = ScoredForScorecard.safeParse(raw.json);
  if (!parsed.success)
    return {
      ok: false,
      code: 'SCHEMA_VIOLATION',
      reason: `not a scored interaction: ${describeIssues(parsed.error)}`,
    };
  const s = parsed.data;
  const occurredAt = new Date(s.occurredAt).toISOString();
  return {
    ok: true,
    fact: {
      kind: 'scored',
      tenantId: s.tenantId,
      agentId: s.agent.id,
      day: dayOf(occurredAt),
      entry: {
        id: s.interactionId,
        revision: s.revision,
        // UTC, so that contributions order by plain string comparison.
        occurredAt,
        teamId: s.agent.teamId,
        ...(s.agent.name !== undefined ? { agentName: s.agent.name } : {}),
        scores: {
          politeness: s.scores.politeness.score,
          tone: s.scores.tone.score,
          accuracy: s.scores.accuracy.score,
          clarity: s.scores.clarity.score,
          responsiveness: s.scores.responsiveness.score,
          compliance: s.scores.compliance.score,
          overall: s.overall,
        },
        ...(s.outcome ? { outcome: s.outcome.score } : {}),
        engineVersion: s.engineVersion,
        flags: s.flags.map((f) => ({ code: f.code, severity: f.severity })),
        flagged: s.flagged,
        control: s.controlSample ?? false,
      },
    },
  };
}

/** A ReviewEvent message (rapport.reviews.v1) as a scorecard fact, attributed as the reviewer saw it. Never throws. */
export function decodeReviewFact(bytes: Buffer | null): FactDecodeResult {
  const raw = parseJson(bytes);
  if (!raw.ok) return raw;
  const parsed = ReviewForScorecard.safeParse(raw.json);
  if (!parsed.success)
    return {
      ok: false,
      code: 'SCHEMA_VIOLATION',
      reason: `not a review event: ${describeIssues(parsed.error)}`,
    };
  const { interaction, review } = parsed.data;
  const occurredAt = new Date(interaction.occurredAt).toISOString();
  // One decision per flag code (the contract says so; the last one wins should a code repeat).
  const decisions = new Map(review.flagDecisions.map((d) => [d.code, d.decision]));
  let confirmed = 0;
  let dismissed = 0;
  for (const d of decisions.values()) {
    if (d === 'confirmed') confirmed++;
    else dismissed++;
  }
  return {
    ok: true,
    fact: {
      kind: 'review',
      tenantId: review.tenantId,
      agentId: interaction.agentId,
      day: dayOf(occurredAt),
      entry: {
        id: review.interactionId,
        version: review.version,
        occurredAt,
        teamId: interaction.teamId,
        confirmed,
        dismissed,
      },
    },
  };
}

export type UpdateDecodeResult =
  { ok: true; update: ScorecardUpdate } | { ok: false; code: MalformedCode; reason: string };

/** A message of the worker's own updates topic. Never throws. */
export function decodeScorecardUpdate(bytes: Buffer | null): UpdateDecodeResult {
  const raw = parseJson(bytes);
  if (!raw.ok) return raw;
  const parsed = ScorecardUpdate.safeParse(raw.json);
  if (!parsed.success)
    return {
      ok: false,
      code: 'SCHEMA_VIOLATION',
      reason: `not a scorecard update: ${describeIssues(parsed.error)}`,
    };
  return { ok: true, update: parsed.data };
}
