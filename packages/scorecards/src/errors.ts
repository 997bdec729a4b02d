/** Stable error codes of @rapport/scorecards. */
export type ScorecardsErrorCode = 'INVALID_DAY' | 'INVALID_PERIOD' | 'INVALID_OPTION';

export class ScorecardsError extends Error {
  override readonly name = 'ScorecardsError';
  constructor(
    readonly code: ScorecardsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isScorecardsError = (err: unknown): err is ScorecardsError => err instanceof ScorecardsError;
