import type { Scores, Signal, TranscriptEntry } from '@rapport/schemas';
import type { InteractionDocument } from './interactions.js';

/**
 * An interaction as stored. The review-only parts, the transcript and the signals behind the
 * scores (scoreDetails) and the customer outcome (outcomeDetails), are stored as JSON text under their own names: nothing queries inside
 * them, and FerretDB's cost of writing a document grows with its number of fields far more than
 * with its bytes (a flagged interaction has ~480 fields, ~350 of them in these two parts).
 * Filters on their presence ({transcript: {$exists: true}}) and projections that leave them
 * out work on both forms. Documents written before this encoding hold them structured.
 */
export type StoredInteraction = Omit<
  InteractionDocument,
  'transcript' | 'scoreDetails' | 'outcomeDetails'
> & {
  transcript?: TranscriptEntry[] | string;
  scoreDetails?: Scores | string;
  outcomeDetails?: Signal[] | string;
};

export function encodeInteraction(doc: InteractionDocument): StoredInteraction {
  const { transcript, scoreDetails, outcomeDetails, ...rest } = doc;
  return {
    ...rest,
    ...(scoreDetails ? { scoreDetails: JSON.stringify(scoreDetails) } : {}),
    ...(outcomeDetails ? { outcomeDetails: JSON.stringify(outcomeDetails) } : {}),
    ...(transcript ? { transcript: JSON.stringify(transcript) } : {}),
  };
}

/** The public shape, from either stored form (also from a projection that left the parts out). */
export function decodeInteraction<T extends Partial<StoredInteraction>>(
  doc: T,
): Omit<T, 'transcript' | 'scoreDetails' | 'outcomeDetails'> &
  Pick<InteractionDocument, 'transcript' | 'scoreDetails' | 'outcomeDetails'> {
  const { transcript, scoreDetails, outcomeDetails, ...rest } = doc;
  return {
    ...rest,
    ...(scoreDetails === undefined ? {} : { scoreDetails: parsed<Scores>(scoreDetails) }),
    ...(outcomeDetails === undefined ? {} : { outcomeDetails: parsed<Signal[]>(outcomeDetails) }),
    ...(transcript === undefined ? {} : { transcript: parsed<TranscriptEntry[]>(transcript) }),
  };
}

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
