/** Stable error codes of @rapport/insights. */
export type InsightsErrorCode =
  /** A date or timestamp that does not parse. */
  | 'INSIGHTS_BAD_DATE'
  /** A period whose end is not after its start. */
  | 'INSIGHTS_BAD_PERIOD'
  /** A period longer than MAX_PERIOD_DAYS. */
  | 'INSIGHTS_PERIOD_TOO_LONG'
  /** A time zone the Intl API does not know. */
  | 'INSIGHTS_BAD_TIME_ZONE'
  /** An option out of range (a limit of 0, a negative factor). */
  | 'INSIGHTS_BAD_OPTION';

export class InsightsError extends Error {
  override readonly name = 'InsightsError';
  constructor(
    readonly code: InsightsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isInsightsError(err: unknown): err is InsightsError {
  return err instanceof InsightsError;
}
