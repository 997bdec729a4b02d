import { z } from 'zod';
import { Severity } from './common.js';

/**
 * The policy document: what a tenant's managers decide about scoring, flagging, storage and
 * retention. Versioned; validated at startup (an invalid policy stops the service and names the
 * bad field). The scoring sections are owned by packages/scoring's rules.
 */
export const Policy = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  /** An interaction is flagged for review when any flag reaches this severity. */
  reviewThreshold: Severity.default('medium'),
  storage: z
    .object({
      /** Keep the redacted transcript for flagged interactions only (data minimisation) or for all. */
      transcripts: z.enum(['flagged', 'all']).default('flagged'),
    })
    .prefault({}),
  review: z
    .object({
      /** Share of unflagged interactions routed to the queue as a control sample (0-1). */
      controlSampleRate: z.number().min(0).max(1).default(0.02),
    })
    .prefault({}),
  retention: z
    .object({
      /** Interactions older than this many days are removed by `rapport retention apply`. */
      days: z.number().int().min(1).default(365),
      /** Keep scores and flags (without transcripts) after the retention period. */
      keepScores: z.boolean().default(true),
    })
    .prefault({}),
});
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;
