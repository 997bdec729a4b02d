import type { Channel, InteractionInsight } from '@rapport/schemas';

/**
 * One interaction as insights read it: what the scorer stored, projected (see InsightsRepository
 * in @rapport/store, whose rows have this shape).
 */
export interface InsightRow {
  interactionId: string;
  occurredAt: Date | string;
  channel: Channel;
  language: { code: string };
  flagged: boolean;
  /** Absent on interactions scored before the engine computed insights. */
  insight?: InteractionInsight;
}
