import { z } from 'zod';
import { DIMENSIONS, Severity, TenantId, Timestamp } from './common.js';
import { FlagCode } from './scored-interaction.js';

/** The six quality dimensions plus the overall score: what a scorecard averages. */
export const SCORE_KEYS = [...DIMENSIONS, 'overall'] as const;
export type ScoreKey = (typeof SCORE_KEYS)[number];

/** A calendar day in UTC, e.g. 2026-03-02. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a UTC date like 2026-03-02')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date');
export type IsoDay = z.infer<typeof IsoDay>;

/**
 * Count, sum and sum of squares of the scores that could be judged (null scores are not counted):
 * additive, so days combine into any period and the mean and variance follow.
 */
export const ScoreTotals = z.object({
  n: z.number().int().min(0),
  sum: z.number().min(0),
  sumSq: z.number().min(0),
});
export type ScoreTotals = z.infer<typeof ScoreTotals>;

const count = z.number().int().min(0);

export const FlagTotals = z.object({
  /** Flags raised, all severities (an interaction can carry several). */
  total: count,
  /** Interactions that reached the policy's review threshold. */
  flaggedInteractions: count,
  bySeverity: z.object({ low: count, medium: count, high: count, critical: count }),
  /** Sorted by code. A list, not a map: flag codes contain dots, which document keys must not. */
  byCode: z.array(z.object({ code: FlagCode, count: count })),
});
export type FlagTotals = z.infer<typeof FlagTotals>;

export const ReviewTotals = z.object({
  /** Interactions with at least one flag decision. */
  reviewed: count,
  /** Flag decisions, counted per flag of each interaction. */
  confirmed: count,
  dismissed: count,
});
export type ReviewTotals = z.infer<typeof ReviewTotals>;

/** How many interactions one engine version scored. */
export const EngineVersionCount = z.object({ version: z.string(), interactions: count });
export type EngineVersionCount = z.infer<typeof EngineVersionCount>;

/**
 * One agent's totals for one UTC day, published to `rapport.scorecards.v1` (key
 * `${tenantId}:${agentId}:${day}`) whenever they change, for HR and workforce systems. Totals only:
 * no interaction ids, no text. The latest message per key is the day's current state.
 */
export const Scorecard = z.object({
  schemaVersion: z.literal(1),
  tenantId: TenantId,
  agentId: z.string(),
  agentName: z.string().optional(),
  /** The agent's team on that day (the team of the day's latest interaction). */
  teamId: z.string(),
  day: IsoDay,
  /** Scored interactions attributed to the agent on that day (latest revision of each). */
  interactions: count,
  /** Of those, unflagged interactions sent to review as part of the policy's control sample. */
  controlSample: count,
  scores: z.object({
    politeness: ScoreTotals,
    tone: ScoreTotals,
    accuracy: ScoreTotals,
    clarity: ScoreTotals,
    responsiveness: ScoreTotals,
    compliance: ScoreTotals,
    overall: ScoreTotals,
  }),
  /**
   * The customer outcome's totals (engines 2.x), kept apart from the agent dimensions: how the
   * conversations ended for the customers, not a fault of the agent. Absent on older scorecards.
   */
  outcome: ScoreTotals.optional(),
  /**
   * Which engine versions scored the day's interactions, sorted by version, so that scores of
   * different versions are never mixed silently. Absent on older scorecards.
   */
  engineVersions: z.array(EngineVersionCount).optional(),
  flags: FlagTotals,
  reviews: ReviewTotals,
  updatedAt: Timestamp,
});
export type Scorecard = z.infer<typeof Scorecard>;

/** What one scored interaction (its latest revision) adds to its agent's day. */
export const ScoredContribution = z.object({
  id: z.string(),
  revision: z.number().int().min(1),
  occurredAt: Timestamp,
  teamId: z.string(),
  agentName: z.string().optional(),
  scores: z.object({
    politeness: z.number().nullable(),
    tone: z.number().nullable(),
    accuracy: z.number().nullable(),
    clarity: z.number().nullable(),
    responsiveness: z.number().nullable(),
    compliance: z.number().nullable(),
    overall: z.number().nullable(),
  }),
  /** The customer outcome's score (engines 2.x; absent from contributions recorded before). */
  outcome: z.number().nullable().optional(),
  engineVersion: z.string().optional(),
  flags: z.array(z.object({ code: FlagCode, severity: Severity })),
  flagged: z.boolean(),
  control: z.boolean(),
});
export type ScoredContribution = z.infer<typeof ScoredContribution>;

/** What one interaction's review (its latest version) adds to the agent's day the reviewer saw. */
export const ReviewContribution = z.object({
  id: z.string(),
  version: z.number().int().min(0),
  occurredAt: Timestamp,
  teamId: z.string(),
  confirmed: count,
  dismissed: count,
});
export type ReviewContribution = z.infer<typeof ReviewContribution>;

const dayAddress = { tenantId: TenantId, agentId: z.string(), day: IsoDay };

/**
 * The scorecards worker's internal change message (its own topic, keyed `${tenantId}:${agentId}`
 * so that one partition, hence one writer, owns each agent's days): put or remove one
 * interaction's contribution on one agent-day.
 */
export const ScorecardUpdate = z.discriminatedUnion('op', [
  z.object({
    schemaVersion: z.literal(1),
    op: z.literal('put-scored'),
    ...dayAddress,
    entry: ScoredContribution,
  }),
  z.object({
    schemaVersion: z.literal(1),
    op: z.literal('put-review'),
    ...dayAddress,
    entry: ReviewContribution,
  }),
  z.object({
    schemaVersion: z.literal(1),
    op: z.enum(['remove-scored', 'remove-review']),
    ...dayAddress,
    id: z.string(),
    /** The revision (or review version) that moved the interaction away. */
    version: z.number().int().min(0),
  }),
]);
export type ScorecardUpdate = z.infer<typeof ScorecardUpdate>;

/** The contributions behind one agent-day, as the scorecards worker keeps them. */
export interface ScorecardDayEntries {
  tenantId: string;
  agentId: string;
  day: string;
  /** Last known team and name, kept when every contribution has moved away. */
  teamId: string;
  agentName?: string;
  /** When the contributions last changed: the published scorecard's updatedAt. */
  updatedAt: string;
  scored: ScoredContribution[];
  reviews: ReviewContribution[];
}

/** One agent of a tenant, as scorecards know it: for agent lists, team pages and period bounds. */
export const ScorecardAgent = z.object({
  tenantId: TenantId,
  agentId: z.string(),
  agentName: z.string().optional(),
  /** Team of the agent's latest day with data. */
  teamId: z.string(),
  /** Every team the agent had a scorecard day in, sorted. */
  teams: z.array(z.string()),
  firstDay: IsoDay,
  lastDay: IsoDay,
});
export type ScorecardAgent = z.infer<typeof ScorecardAgent>;
