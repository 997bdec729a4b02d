/** The topics of the pipeline. Versioned names: a breaking contract change gets a new topic. */
export const TOPICS = {
  interactions: 'rapport.interactions.v1',
  scored: 'rapport.scored.v1',
  deadLetters: 'rapport.interactions.dlq.v1',
  reviews: 'rapport.reviews.v1',
  scorecards: 'rapport.scorecards.v1',
  /** Each tenant's newest audit entry (seq, hash, seal), keyed by tenant: see AuditHead. */
  auditHeads: 'rapport.audit.heads.v1',
} as const;

/** A topic that keeps the newest record per key (scorecards, audit heads). */
export const COMPACTED = { 'cleanup.policy': 'compact' } as const;

/**
 * The topic config that keeps records no longer than the policy keeps conversation data
 * (`retention.days`): for every topic whose records carry or describe conversations.
 */
export const retentionConfig = (days: number): { 'retention.ms': string } => ({
  'retention.ms': String(days * 86_400_000),
});
