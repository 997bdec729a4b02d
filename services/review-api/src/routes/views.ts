import { z } from 'zod';
import {
  Channel,
  CustomerOutcome,
  Dimension,
  Evidence,
  ReviewState,
  REVIEW_STATUSES,
  Role,
  Scores,
  Severity,
  TranscriptEntry,
} from '@rapport/schemas';
import { FLAG_CATALOG } from '@rapport/scoring';
import type { Principal, QueueItem } from '@rapport/review';
import type { InteractionView } from '../desk.js';

/** What the API returns: plain JSON shapes, one zod schema each (also the OpenAPI document). */
export const PrincipalOut = z.object({
  id: z.string(),
  tenantId: z.string(),
  role: Role,
  teamIds: z.array(z.string()),
  agentId: z.string().optional(),
  displayName: z.string(),
});

export const QueueItemOut = z.object({
  interactionId: z.string(),
  revision: z.number(),
  channel: Channel,
  occurredAt: z.string(),
  agent: z.object({ id: z.string(), name: z.string().optional(), teamId: z.string() }),
  language: z.string(),
  maxSeverity: Severity.nullable(),
  flagCodes: z.array(z.string()),
  flagDimensions: z.array(Dimension),
  control: z.boolean(),
  overall: z.number().nullable(),
  /** The engine version that scored the item (absent for items indexed before versions were shown). */
  engineVersion: z.string().optional(),
  status: z.enum(REVIEW_STATUSES),
  assignee: z.string().nullable(),
  decisions: z.record(z.string(), z.enum(['confirmed', 'dismissed'])),
  agentResponse: z.enum(['acknowledged', 'disputed']).nullable(),
});
export type QueueItemOut = z.infer<typeof QueueItemOut>;

export const QueuePageOut = z.object({
  items: z.array(QueueItemOut),
  total: z.number(),
  nextCursor: z.string().optional(),
});

export const FlagOut = z.object({
  code: z.string(),
  dimension: Dimension,
  severity: Severity,
  message: z.string(),
  /** What the rule means, in plain language. */
  explanation: z.string(),
  evidence: z.array(Evidence),
  decision: z.enum(['confirmed', 'dismissed']).nullable(),
});

export const InteractionOut = z.object({
  interactionId: z.string(),
  revision: z.number(),
  channel: Channel,
  occurredAt: z.string(),
  agent: z.object({ id: z.string(), name: z.string().optional(), teamId: z.string() }),
  customerId: z.string(),
  language: z.object({ code: z.string(), detected: z.boolean(), supported: z.boolean() }),
  scores: z.record(Dimension, z.number().nullable()),
  overall: z.number().nullable(),
  /**
   * The customer's outcome, not an agent fault (engines 2.x; absent before). Its signals and
   * evidence are there when the transcript was kept.
   */
  outcome: CustomerOutcome.extend({ signals: CustomerOutcome.shape.signals.optional() }).optional(),
  scoreDetails: Scores.optional(),
  flags: z.array(FlagOut),
  maxSeverity: Severity.nullable(),
  control: z.boolean(),
  /** Absent when the policy did not keep it (unflagged interactions, data minimisation). */
  transcript: z.array(TranscriptEntry).optional(),
  redactions: z.record(z.string(), z.number()),
  policy: z.object({ id: z.string(), version: z.string() }),
  engineVersion: z.string(),
  scoredAt: z.string(),
});

export const InteractionViewOut = z.object({ interaction: InteractionOut, review: ReviewState.nullable() });

const EXPLANATIONS = new Map<string, string>(FLAG_CATALOG.map((d) => [d.code, d.description]));

export const principalOut = (p: Principal): z.infer<typeof PrincipalOut> => ({
  id: p.id,
  tenantId: p.tenantId,
  role: p.role,
  teamIds: [...p.teamIds],
  ...(p.agentId ? { agentId: p.agentId } : {}),
  displayName: p.displayName,
});

export function queueItemOut(i: QueueItem): QueueItemOut {
  return {
    interactionId: i.interactionId,
    revision: i.revision,
    channel: i.channel,
    occurredAt: new Date(i.occurredAt).toISOString(),
    agent: { id: i.agentId, ...(i.agentName ? { name: i.agentName } : {}), teamId: i.teamId },
    language: i.language,
    maxSeverity: i.maxSeverity,
    flagCodes: [...i.flagCodes],
    flagDimensions: [...i.flagDimensions],
    control: i.control,
    overall: i.overall,
    ...(i.engineVersion ? { engineVersion: i.engineVersion } : {}),
    status: i.status,
    assignee: i.assignee,
    decisions: { ...i.decisions },
    agentResponse: i.agentResponse,
  };
}

export function interactionViewOut(v: InteractionView): z.infer<typeof InteractionViewOut> {
  const d = v.interaction;
  const decisions = new Map((v.review?.flagDecisions ?? []).map((d) => [d.code, d.decision]));
  return {
    interaction: {
      interactionId: d.interactionId,
      revision: d.revision,
      channel: d.channel,
      occurredAt: d.occurredAt.toISOString(),
      agent: d.agent,
      customerId: d.customerId,
      language: d.language,
      scores: d.scores,
      overall: d.overall,
      ...(d.outcome
        ? {
            outcome: {
              about: 'customer' as const,
              ...d.outcome,
              ...(d.outcomeDetails ? { signals: d.outcomeDetails } : {}),
            },
          }
        : {}),
      ...(d.scoreDetails ? { scoreDetails: d.scoreDetails } : {}),
      flags: d.flags.map((f) => ({
        ...f,
        explanation: EXPLANATIONS.get(f.code) ?? f.message,
        decision: decisions.get(f.code) ?? null,
      })),
      maxSeverity: d.maxSeverity,
      control: v.control,
      ...(d.transcript ? { transcript: d.transcript } : {}),
      redactions: d.redactions,
      policy: d.policy,
      engineVersion: d.engineVersion,
      scoredAt: d.scoredAt.toISOString(),
    },
    review: v.review,
  };
}
export type InteractionViewOut = z.infer<typeof InteractionViewOut>;
