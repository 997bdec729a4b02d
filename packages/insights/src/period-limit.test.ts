import { describe, expect, it } from 'vitest';
import { InsightsError } from './errors.js';
import { MAX_PERIOD_DAYS, parsePeriod } from './time.js';

describe('the longest insights period', () => {
  it('takes a whole leap year, also across a daylight-saving change', () => {
    expect(MAX_PERIOD_DAYS).toBe(366);
    expect(() => parsePeriod('2028-01-01', '2028-12-31', 'Europe/Copenhagen')).not.toThrow();
    expect(() => parsePeriod('2026-03-01', '2027-03-01')).not.toThrow();
  });

  it('refuses a longer one with INSIGHTS_PERIOD_TOO_LONG, saying the limit', () => {
    let err: unknown;
    try {
      parsePeriod('2020-01-01', '2026-03-31');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InsightsError);
    expect((err as InsightsError).code).toBe('INSIGHTS_PERIOD_TOO_LONG');
    expect((err as InsightsError).message).toContain('longer than 366 days');
    expect(() => parsePeriod('2026-03-01', '2027-03-02')).toThrow(/longer than 366 days/);
  });
});
