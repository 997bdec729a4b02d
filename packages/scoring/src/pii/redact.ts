import type { PiiType } from '@rapport/schemas';
import { detectPii } from './detect.js';

/** A redaction in the redacted text: where the "[CARD]" placeholder now stands. */
export interface Redaction {
  type: PiiType;
  start: number;
  end: number;
}

export interface RedactionResult {
  text: string;
  redactions: Redaction[];
}

export const PLACEHOLDERS: Readonly<Record<PiiType, string>> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  iban: '[IBAN]',
  cpr: '[CPR]',
  ssn: '[SSN]',
  bank_account: '[BANK_ACCOUNT]',
};

export interface RedactOptions {
  types: ReadonlySet<PiiType>;
  /** Normalised allow-listed values (lower-case; digits only for numbers). */
  allow: ReadonlySet<string>;
}

export function allowKey(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  return value.includes('@') || digits.length < 6 ? value.trim().toLowerCase() : digits;
}

/** Replaces detected PII with typed placeholders; placeholders are what evidence will quote. */
export function redactPii(text: string, options: RedactOptions): RedactionResult {
  const spans = detectPii(text);
  if (spans.length === 0) return { text, redactions: [] };
  const parts: string[] = [];
  const redactions: Redaction[] = [];
  let from = 0;
  let outLength = 0;
  for (const span of spans) {
    if (!options.types.has(span.type)) continue;
    if (options.allow.size > 0 && options.allow.has(allowKey(text.slice(span.start, span.end)))) continue;
    const before = text.slice(from, span.start);
    const placeholder = PLACEHOLDERS[span.type];
    parts.push(before, placeholder);
    outLength += before.length;
    redactions.push({ type: span.type, start: outLength, end: outLength + placeholder.length });
    outLength += placeholder.length;
    from = span.end;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), redactions };
}
