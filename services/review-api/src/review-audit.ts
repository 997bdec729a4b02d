import { createHash } from 'node:crypto';

/**
 * What an audit entry keeps of a review's free text: the SHA-256 of the text and its length. The
 * audit log is kept for ever (its hash chain forbids editing an entry), while notes, comments,
 * coaching, escalation, dispute and ruling texts quote the conversation and must go with it at
 * retention: the reference proves which text was written, and when, without being a copy of it.
 */
export interface TextReference {
  /** `sha256:<hex>` of the text's UTF-8 bytes. */
  ref: string;
  /** Characters (UTF-16 code units), as the review's limits count them. */
  length: number;
}

export const textReference = (text: string): TextReference => ({
  ref: `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`,
  length: text.length,
});

type Field = Record<string, unknown>;

const isField = (v: unknown): v is Field => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The item with its text field (if a string) replaced by a reference. */
function referenced(item: unknown, key: 'text' | 'note'): unknown {
  if (!isField(item) || typeof item[key] !== 'string') return item;
  return { ...item, [key]: textReference(item[key]) };
}

/** Review fields holding free text, and the field of the text inside each item. */
const LISTS = {
  notes: 'text',
  comments: 'text',
  notesAdded: 'text',
  commentsAdded: 'text',
  flagDecisions: 'note',
} as const;
const SINGLE = {
  coaching: 'text',
  escalation: 'text',
  agentResponse: 'note',
  ruling: 'note',
  controlVerdict: 'note',
} as const;

/**
 * A review (or the record of what a transition changed: the same fields, plus `notesAdded` and
 * `commentsAdded`) as an audit entry may hold it: every free text replaced by its reference,
 * everything else (decisions, who, when, versions) as it was.
 */
export function withoutReviewText(record: object): Record<string, unknown>;
export function withoutReviewText(record: object | null): Record<string, unknown> | null;
export function withoutReviewText(record: object | null): Record<string, unknown> | null {
  if (record === null) return null;
  const out: Field = { ...(record as Field) };
  for (const [field, key] of Object.entries(LISTS)) {
    const v = out[field];
    if (Array.isArray(v)) out[field] = v.map((item) => referenced(item, key));
  }
  for (const [field, key] of Object.entries(SINGLE))
    if (field in out) out[field] = referenced(out[field], key);
  return out;
}
