import type { ValidationIssue } from '@rapport/schemas';

/** Stable error codes: callers (stream workers, the CLI) switch on these, never on messages. */
export const SCORING_ERROR_CODES = [
  'POLICY_INVALID',
  'KB_INVALID',
  'EVENT_INVALID',
  'LEXICON_INVALID',
  'POLITENESS_FAILED',
  'CLASSIFIER_MODEL_INVALID',
] as const;
export type ScoringErrorCode = (typeof SCORING_ERROR_CODES)[number];

export class ScoringError extends Error {
  override readonly name = 'ScoringError';
  readonly code: ScoringErrorCode;
  /** Field-level problems for POLICY_INVALID / KB_INVALID / EVENT_INVALID. */
  readonly issues: readonly ValidationIssue[];

  constructor(
    code: ScoringErrorCode,
    message: string,
    issues: readonly ValidationIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = code;
    this.issues = issues;
  }
}

export function isScoringError(e: unknown): e is ScoringError {
  return e instanceof ScoringError;
}
