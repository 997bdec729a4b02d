import type { z } from 'zod';
import type { DeadLetterCode, ValidationIssue } from './dead-letter.js';
import { InteractionEvent } from './interaction-event.js';
import { toValidationIssues } from './issues.js';

export type DecodeResult =
  | { ok: true; event: InteractionEvent }
  | { ok: false; code: DeadLetterCode; message: string; issues: ValidationIssue[] };

// Error messages go to logs and to the dead letter's errorMessage, which are read by more people
// than the payload is: they never quote payload text (V8's JSON.parse errors quote its start).
// The original bytes travel only in the dead letter's payload field.
const PAYLOAD_KEPT = "the original bytes are in the dead letter's payload";

function invalidJsonMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : '';
  const position = /at position (\d+)/.exec(text)?.[1];
  const problem = /end of JSON input/.test(text)
    ? 'it ends before the JSON value is complete'
    : position !== undefined
      ? `syntax error at character ${position}`
      : 'syntax error';
  return `not valid JSON (${problem}); producers must publish one JSON object per message; ${PAYLOAD_KEPT}`;
}

/** A small whole number is a version; anything else is described by its type, never quoted. */
function describeVersion(v: unknown): string {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1000
    ? String(v)
    : `of type ${v === null ? 'null' : typeof v}`;
}

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
    return { ok: false, code: 'INVALID_JSON', message: invalidJsonMessage(err), issues: [] };
  }
  if (json !== null && typeof json === 'object' && 'schemaVersion' in json && json.schemaVersion !== 1) {
    return {
      ok: false,
      code: 'UNSUPPORTED_SCHEMA_VERSION',
      message: `schemaVersion ${describeVersion(json.schemaVersion)} is not supported by this topic (v1); publish v1 events here`,
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
