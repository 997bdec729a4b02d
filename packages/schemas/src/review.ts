import { z } from 'zod';
import { idString, TenantId, Timestamp } from './common.js';
import { FlagCode } from './scored-interaction.js';

/**
 * Where a flagged (or control-sample) interaction stands in review.
 * open: waiting for a manager; escalated: handed up; disputed: the agent disputed a decision and
 * it is back with a manager; resolved: decided (a ruling on a dispute is final).
 */
export const REVIEW_STATUSES = ['open', 'escalated', 'disputed', 'resolved'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ROLES = ['admin', 'manager', 'auditor', 'agent'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who did something: a person (session or API token), a command-line operator or the system. */
export const Actor = z.object({
  id: z.string().min(1),
  role: z.union([Role, z.literal('system')]),
  via: z.enum(['session', 'token', 'cli', 'system']),
});
export type Actor = z.infer<typeof Actor>;

/** Longest note, comment or decision text a review holds, in characters. */
export const REVIEW_TEXT_MAX = 4000;

export const FlagDecision = z.object({
  code: FlagCode,
  decision: z.enum(['confirmed', 'dismissed']),
  by: z.string(),
  at: Timestamp,
  note: z.string().max(REVIEW_TEXT_MAX).optional(),
});
export type FlagDecision = z.infer<typeof FlagDecision>;

export const Note = z.object({
  by: z.string(),
  at: Timestamp,
  text: z.string().min(1).max(REVIEW_TEXT_MAX),
});
export type Note = z.infer<typeof Note>;

/** The review state of one interaction: the API's record, stored beside the scorer's document. */
export const ReviewState = z.object({
  tenantId: TenantId,
  interactionId: idString(200),
  /** Increases by one with every change: guards concurrent edits and orders review events. */
  version: z.number().int().min(0),
  status: ReviewStatus,
  assignee: z.string().nullable(),
  /**
   * One decision per flag code. A list, not a map keyed by code: flag codes contain dots, which
   * FerretDB refuses in field names (and MongoDB discourages).
   */
  flagDecisions: z.array(FlagDecision),
  /** A coaching note for the agent. */
  coaching: Note.nullable(),
  /** Manager notes (internal) and comments (threaded discussion), oldest first. */
  notes: z.array(Note),
  comments: z.array(Note),
  escalation: Note.nullable(),
  /** The agent's answer to confirmed or coached flags. */
  agentResponse: z
    .object({
      kind: z.enum(['acknowledged', 'disputed']),
      note: z.string().max(REVIEW_TEXT_MAX),
      at: Timestamp,
    })
    .nullable(),
  /** A manager's final ruling on a dispute. */
  ruling: z
    .object({
      outcome: z.enum(['upheld', 'overturned']),
      note: z.string().max(REVIEW_TEXT_MAX),
      by: z.string(),
      at: Timestamp,
    })
    .nullable(),
  /**
   * For control-sample items (unflagged): did the rules miss something? "missed" counts as a
   * false negative in the rule-quality panel.
   */
  controlVerdict: z
    .object({
      verdict: z.enum(['clean', 'missed']),
      note: z.string().max(REVIEW_TEXT_MAX).optional(),
      by: z.string(),
      at: Timestamp,
    })
    .nullable()
    .default(null),
  updatedAt: Timestamp,
});
export type ReviewState = z.infer<typeof ReviewState>;

export const REVIEW_ACTIONS = [
  'confirm_flag',
  'dismiss_flag',
  'coach',
  'escalate',
  'resolve',
  'reopen',
  'note',
  'comment',
  'assign',
  'unassign',
  'acknowledge',
  'dispute',
  'rule',
  'control_verdict',
] as const;
export const ReviewAction = z.enum(REVIEW_ACTIONS);
export type ReviewAction = z.infer<typeof ReviewAction>;

/**
 * Published to `rapport.reviews.v1` (key `${tenantId}:${interactionId}`) after every review change,
 * carrying the whole state after it: consumers (scorecards, other API replicas) keep the highest
 * `review.version` per interaction, so redelivery and reordering are harmless.
 */
export const ReviewEvent = z.object({
  schemaVersion: z.literal(1),
  at: Timestamp,
  actor: Actor,
  action: ReviewAction,
  /** The interaction as the reviewer saw it: for attribution to the agent's scorecard day. */
  interaction: z.object({
    revision: z.number().int().min(1),
    agentId: z.string(),
    teamId: z.string(),
    occurredAt: Timestamp,
    control: z.boolean(),
  }),
  review: ReviewState,
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;
