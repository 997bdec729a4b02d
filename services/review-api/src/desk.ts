import type { Logger } from '@rapport/observability';
import type { Actor, AuditEntry, Policy, ReviewEvent, ReviewState } from '@rapport/schemas';
import {
  AGENT_ACTIONS,
  applyReviewCommand,
  canManage,
  canRespond,
  canSee,
  hasAgentFacingOutcome,
  initialReviewState,
  ReviewError,
  reviewChange,
  type AccessSubject,
  type Principal,
  type QueueIndex,
  type QueueInteraction,
  type ReviewCommand,
} from '@rapport/review';
import {
  StoreError,
  type AuditLog,
  type InteractionDocument,
  type InteractionsRepository,
  type ReviewsRepository,
} from '@rapport/store';
import { withoutReviewText } from './review-audit.js';

export interface DeskDeps {
  interactions: InteractionsRepository;
  reviews: ReviewsRepository;
  audit: AuditLog;
  index: QueueIndex;
  policy: Policy;
  logger: Logger;
  /** Publishes a review change for scorecards and other API instances. */
  publishReview(event: ReviewEvent): Promise<void>;
  now?: () => Date;
}

export interface InteractionView {
  interaction: Omit<InteractionDocument, '_id'>;
  review: ReviewState | null;
  control: boolean;
}

/** The queue-index form of a stored interaction. */
export function toQueueInteraction(doc: InteractionDocument): QueueInteraction {
  return {
    tenantId: doc.tenantId,
    interactionId: doc.interactionId,
    revision: doc.revision,
    channel: doc.channel,
    occurredAt: doc.occurredAt.getTime(),
    agentId: doc.agent.id,
    ...(doc.agent.name ? { agentName: doc.agent.name } : {}),
    teamId: doc.agent.teamId,
    language: doc.language.code,
    maxSeverity: doc.maxSeverity,
    severityRank: doc.severityRank,
    flagCodes: doc.flagCodes,
    flagDimensions: doc.flagDimensions,
    control: doc.review.control,
    overall: doc.overall,
    engineVersion: doc.engineVersion,
  };
}

export const actorOf = (p: Principal): Actor => ({ id: p.id, role: p.role, via: p.via });

const subjectOf = (doc: InteractionDocument, review: ReviewState | null): AccessSubject => ({
  tenantId: doc.tenantId,
  teamId: doc.agent.teamId,
  agentId: doc.agent.id,
  visibleToAgent: review !== null && hasAgentFacingOutcome(review),
});

const notFound = (id: string) =>
  new ReviewError('NOT_FOUND', `no interaction "${id}" that you may see; check the id and your team`);

/**
 * Review operations: access checks, the state transition, then the write-ahead audit entry, the
 * version-guarded save, the review event and the queue index. The audit entry is written first
 * so that no change can exist without one; if the save then loses a race, a second entry records
 * that the first did not take effect.
 */
export class ReviewDesk {
  private readonly now: () => Date;

  constructor(private readonly deps: DeskDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async view(p: Principal, interactionId: string): Promise<InteractionView> {
    const { doc, review } = await this.load(p, interactionId);
    if (!canSee(p, subjectOf(doc, review))) throw notFound(interactionId);
    const { _id, ...interaction } = doc;
    void _id;
    return {
      interaction,
      review: p.role === 'agent' && review ? agentView(review) : review,
      control: doc.review.control,
    };
  }

  async act(p: Principal, interactionId: string, command: ReviewCommand): Promise<ReviewState> {
    const { doc, review } = await this.load(p, interactionId);
    const subject = subjectOf(doc, review);
    if (!canSee(p, subject)) throw notFound(interactionId);
    const allowed = AGENT_ACTIONS.has(command.action) ? canRespond(p, subject) : canManage(p, subject);
    if (!allowed)
      throw new ReviewError(
        'FORBIDDEN',
        AGENT_ACTIONS.has(command.action)
          ? 'only the agent concerned can acknowledge or dispute a decision'
          : `a${p.role === 'auditor' ? 'n auditor' : 'n ' + p.role} cannot ${command.action.replace('_', ' ')}: managers of the team decide`,
      );
    if (doc.review.status === 'not_flagged' && !doc.review.control)
      throw new ReviewError(
        'INVALID_TRANSITION',
        'this interaction is not in the review queue (not flagged)',
      );
    const at = this.now();
    const before = review ?? initialReviewState(doc.tenantId, doc.interactionId, at);
    const after = applyReviewCommand(before, command, {
      by: p.id,
      at,
      flagCodes: doc.flagCodes,
      control: doc.review.control,
    });
    const actor = actorOf(p);
    const target = { type: 'interaction' as const, id: doc.interactionId };
    // What changed, not two copies of the review: entries stay the size of the change.
    const change = reviewChange(before, after, review !== null);
    const entry = await this.deps.audit.append({
      tenantId: doc.tenantId,
      actor,
      action: `review.${command.action}`,
      target,
      // The log is kept for ever: free text goes in as a reference, never as a copy (review-audit.ts).
      before: withoutReviewText(change.before),
      after: withoutReviewText(change.after),
      at,
    });
    try {
      await this.deps.reviews.save(after);
    } catch (err) {
      await this.deps.audit
        .append({
          tenantId: doc.tenantId,
          actor,
          action: 'review.write_rejected',
          target,
          before: null,
          after: { auditSeq: entry.seq, reason: err instanceof StoreError ? err.code : 'STORE_ERROR' },
        })
        .catch((e: unknown) =>
          this.deps.logger.error({ err: e }, 'could not record a rejected review write'),
        );
      if (err instanceof StoreError && err.code === 'WRITE_CONFLICT')
        throw new ReviewError(
          'CONFLICT',
          'someone else changed this review a moment ago; reload and try again',
        );
      throw err;
    }
    this.deps.index.applyReview(after);
    const event: ReviewEvent = {
      schemaVersion: 1,
      at: at.toISOString(),
      actor,
      action: command.action,
      interaction: {
        revision: doc.revision,
        agentId: doc.agent.id,
        teamId: doc.agent.teamId,
        occurredAt: doc.occurredAt.toISOString(),
        control: doc.review.control,
      },
      review: after,
    };
    await this.deps.publishReview(event);
    return after;
  }

  /** Audit entries about one interaction, oldest first (through the log's per-target index). */
  history(p: Principal, interactionId: string): Promise<AuditEntry[]> {
    return this.deps.audit.entriesAbout(p.tenantId, { type: 'interaction', id: interactionId });
  }

  /** The newest `limit` entries of the tenant's log, newest first. */
  latestAudit(p: Principal, limit: number): Promise<AuditEntry[]> {
    return this.deps.audit.latest(p.tenantId, limit);
  }

  private async load(p: Principal, interactionId: string) {
    const [doc, review] = await Promise.all([
      this.deps.interactions.get(p.tenantId, interactionId),
      this.deps.reviews.get(p.tenantId, interactionId),
    ]);
    if (!doc) throw notFound(interactionId);
    // Keep this instance's index in step with what it just read.
    if (doc.review.status === 'open' || doc.review.control)
      this.deps.index.upsertInteraction(toQueueInteraction(doc));
    if (review) this.deps.index.applyReview(review);
    return { doc, review };
  }
}

/** Agents see the outcome and their own exchange, not managers' internal notes or assignment. */
function agentView(r: ReviewState): ReviewState {
  return { ...r, notes: [], assignee: null, escalation: null };
}
