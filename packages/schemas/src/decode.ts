import type { z } from 'zod';
import type { DeadLetterCode, ValidationIssue } from './dead-letter.js';
import { InteractionEvent } from './interaction-event.js';
import { toValidationIssues } from './issues.js';

export type DecodeResult =
  | { ok: true; event: InteractionEvent }
  | { ok: false; code: DeadLetterCode; message: string; issues: ValidationIssue[] };

/**
 * Turns the raw bytes of a Kafka message into a valid InteractionEvent or a classified failure
 * for the dead-letter topic. Never throws: malformed input must not crash a worker.
 */
export function decodeInteractionEvent(
  bytes: Buffer | null,
  maxBytes: number,
  schema: z.ZodType<InteractionEvent> = InteractionEvent,
): DecodeResult {
  if (bytes === null || bytes.length === 0) {
    return {
      ok: false,
      code: 'INVALID_JSON',
      message: 'empty message value (a tombstone or an empty payload)',
      issues: [],
    };
  }
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
      message: `payload is ${bytes.length} bytes; the limit is ${maxBytes} bytes`,
      issues: [],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return {
      ok: false,
      code: 'INVALID_JSON',
      message: `not valid JSON: ${(err as Error).message}`,
      issues: [],
    };
  }
  if (json !== null && typeof json === 'object' && 'schemaVersion' in json && json.schemaVersion !== 1) {
    return {
      ok: false,
      code: 'UNSUPPORTED_SCHEMA_VERSION',
      message: `schemaVersion ${JSON.stringify(json.schemaVersion)} is not supported by this topic (v1)`,
      issues: [{ path: 'schemaVersion', message: 'must be 1', code: 'invalid_value' }],
    };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, event: result.data };
  const issues = toValidationIssues(result.error);
  const tooBig = issues.some((i) => i.code === 'too_big' && /total text/.test(i.message));
  return {
    ok: false,
    code: tooBig ? 'PAYLOAD_TOO_LARGE' : 'SCHEMA_VIOLATION',
    message: `${issues.length} validation issue(s): ${issues
      .slice(0, 5)
      .map((i) => `${i.path || '(root)'}: ${i.message}`)
      .join('; ')}`,
    issues,
  };
}
