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

/**
 * The original payload encrypted with AES-256-GCM under a key from configuration
 * (`DEAD_LETTER_KEY`); `keyId` names the key so keys can rotate. The additional authenticated
 * data binds it to this record's source (see dead-letter-payload.ts).
 */
export const SealedPayload = z.object({
  protection: z.literal('aes-256-gcm'),
  keyId: z.string().min(1),
  ivBase64: z.string(),
  tagBase64: z.string(),
  ciphertextBase64: z.string(),
});
export type SealedPayload = z.infer<typeof SealedPayload>;

/**
 * Written when no key is configured: the payload as UTF-8 text with the PII the engine knows
 * (e-mail addresses, phone, card, account and national id numbers) replaced by placeholders. Not
 * the original bytes; names and other conversation text remain, for the topic's retention.
 */
export const RedactedPayload = z.object({
  protection: z.literal('redacted'),
  /** Why the payload is not encrypted and what was removed, for whoever reads the record. */
  reason: z.string(),
  text: z.string(),
});
export type RedactedPayload = z.infer<typeof RedactedPayload>;

export const DeadLetterPayload = z.discriminatedUnion('protection', [SealedPayload, RedactedPayload]);
export type DeadLetterPayload = z.infer<typeof DeadLetterPayload>;

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
  /**
   * Records written before payloads were protected: the original message value, byte for byte,
   * base64-encoded, in clear. Newer records carry `payload` instead.
   */
  payloadBase64: z.string().optional(),
  /** The original message value, encrypted or (without a key) redacted. */
  payload: DeadLetterPayload.optional(),
  /** Size of the original message value. */
  payloadBytes: z.number().int().min(0),
  firstSeenAt: z.iso.datetime({ offset: true }),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
