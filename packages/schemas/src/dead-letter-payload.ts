import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DeadLetter, DeadLetterPayload, RedactedPayload } from './dead-letter.js';

/**
 * Sealing and opening a dead letter's payload: the one definition of the format of
 * `DeadLetter.payload`, for the scorer that writes it and the CLI that reads it. Dead letters
 * hold whole conversations that failed validation, unredacted: on the topic they are encrypted
 * (AES-256-GCM, node:crypto), or, without a key, redacted.
 */

/** A 256-bit key from configuration and its id, derived from the key so it cannot be mislabelled. */
export interface DeadLetterKey {
  id: string;
  key: Buffer;
}

export type DeadLetterPayloadErrorCode =
  | 'DEAD_LETTER_KEY_INVALID'
  | 'DEAD_LETTER_KEY_MISSING'
  | 'DEAD_LETTER_KEY_UNKNOWN'
  | 'DEAD_LETTER_PAYLOAD_UNREADABLE';

export class DeadLetterPayloadError extends Error {
  override readonly name = 'DeadLetterPayloadError';
  constructor(
    readonly code: DeadLetterPayloadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The key of `DEAD_LETTER_KEY` (base64 of 32 random bytes, e.g. `openssl rand -base64 32`). */
export function deadLetterKey(base64: string, variable = 'DEAD_LETTER_KEY'): DeadLetterKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64') !== base64.trim())
    throw new DeadLetterPayloadError(
      'DEAD_LETTER_KEY_INVALID',
      `${variable} must be the base64 of exactly 32 bytes (it decodes to ${key.length}); make one with: openssl rand -base64 32`,
    );
  return { id: `k-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`, key };
}

type Source = DeadLetter['source'];

/** Binds a ciphertext to its key and its record's source: it cannot be moved to another record. */
const aadOf = (keyId: string, s: Source) =>
  Buffer.from(`rapport.dead-letter.v1|${keyId}|${s.topic}|${s.partition}|${s.offset}`, 'utf8');

export const REDACTED_REASON =
  'no DEAD_LETTER_KEY was configured: the payload is kept as text with e-mail addresses, phone, card, account and id numbers replaced by placeholders, not as the original bytes';

/**
 * The payload as the record carries it: encrypted under `key`, or without a key redacted by
 * `redact` (the engine's PII redaction, which this package does not depend on).
 */
export function sealDeadLetterPayload(
  payload: Buffer,
  source: Source,
  key: DeadLetterKey | undefined,
  redact: (text: string) => string,
): DeadLetterPayload {
  if (!key)
    return { protection: 'redacted', reason: REDACTED_REASON, text: redact(payload.toString('utf8')) };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(aadOf(key.id, source));
  const ciphertext = Buffer.concat([cipher.update(payload), cipher.final()]);
  return {
    protection: 'aes-256-gcm',
    keyId: key.id,
    ivBase64: iv.toString('base64'),
    tagBase64: cipher.getAuthTag().toString('base64'),
    ciphertextBase64: ciphertext.toString('base64'),
  };
}

/** A dead letter's payload: the original bytes, or the redacted text when that is all it holds. */
export type OpenedPayload =
  { redacted: false; bytes: Buffer } | { redacted: true; bytes: Buffer; reason: string };

/**
 * The payload of a record, of any version: clear (older records), redacted, or encrypted under
 * one of `keys` (the current key and older ones kept for reading).
 */
export function openDeadLetterPayload(letter: DeadLetter, keys: readonly DeadLetterKey[]): OpenedPayload {
  const p = letter.payload;
  if (!p) return { redacted: false, bytes: Buffer.from(letter.payloadBase64 ?? '', 'base64') };
  if (p.protection === 'redacted') return openRedacted(p);
  if (keys.length === 0)
    throw new DeadLetterPayloadError(
      'DEAD_LETTER_KEY_MISSING',
      `this dead letter is encrypted (key ${p.keyId}) and DEAD_LETTER_KEY is not set; set it to the scorer's key (older keys in DEAD_LETTER_OLD_KEYS)`,
    );
  const key = keys.find((k) => k.id === p.keyId);
  if (!key)
    throw new DeadLetterPayloadError(
      'DEAD_LETTER_KEY_UNKNOWN',
      `this dead letter is encrypted with key ${p.keyId}, but DEAD_LETTER_KEY and DEAD_LETTER_OLD_KEYS hold ${keys.map((k) => k.id).join(', ')}; add the key it was written with`,
    );
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(p.ivBase64, 'base64'));
    decipher.setAAD(aadOf(key.id, letter.source));
    decipher.setAuthTag(Buffer.from(p.tagBase64, 'base64'));
    const bytes = Buffer.concat([
      decipher.update(Buffer.from(p.ciphertextBase64, 'base64')),
      decipher.final(),
    ]);
    return { redacted: false, bytes };
  } catch (err) {
    throw new DeadLetterPayloadError(
      'DEAD_LETTER_PAYLOAD_UNREADABLE',
      `the payload of the dead letter from ${letter.source.topic}/${letter.source.partition}@${letter.source.offset} does not decrypt with key ${key.id}: the record was altered or copied from another source; it cannot be trusted`,
      { cause: err },
    );
  }
}

const openRedacted = (p: RedactedPayload): OpenedPayload => ({
  redacted: true,
  bytes: Buffer.from(p.text, 'utf8'),
  reason: p.reason,
});
