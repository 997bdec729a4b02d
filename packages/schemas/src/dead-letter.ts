import { z } from 'zod';

export const DEAD_LETTER_CODES = [
  'INVALID_JSON',
  'SCHEMA_VIOLATION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_SCHEMA_VERSION',
  'SCORING_FAILED',
  // A valid event whose scoring outlasted its time budget or its thread's memory, twice.
  'SCORING_BUDGET_EXCEEDED',
  'STORE_REJECTED',
  'PUBLISH_REJECTED',
] as const;
export const DeadLetterCode = z.enum(DEAD_LETTER_CODES);
export type DeadLetterCode = z.infer<typeof DeadLetterCode>;

export const ValidationIssue = z.object({
  /** Dotted path into the payload, e.g. "segments.3.endSec"; "" for the whole payload. */
  path: z.string(),
  message: z.string(),
  code: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

/** What `rapport.interactions.dlq.v1` carries for an event that could not be processed. */
export const DeadLetter = z.object({
  schemaVersion: z.literal(1),
  errorCode: DeadLetterCode,
  errorMessage: z.string(),
  issues: z.array(ValidationIssue),
  source: z.object({
    topic: z.string(),
    partition: z.number().int().min(0),
    offset: z.string().regex(/^\d+$/),
    key: z.string().nullable(),
    timestamp: z.string().nullable(),
  }),
  /** The original message value, byte for byte, base64-encoded (it may not even be UTF-8). */
  payloadBase64: z.string(),
  payloadBytes: z.number().int().min(0),
  firstSeenAt: z.iso.datetime({ offset: true }),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
