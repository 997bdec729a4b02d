import { describe, expect, it } from 'vitest';
import { parsePeriod } from './time.js';

const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];

describe('parsePeriod', () => {
  it('reads dates as whole days in the time zone, the end day included', () => {
    expect(iso(parsePeriod('2026-03-01', '2026-03-31'))).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ]);
    expect(iso(parsePeriod('2026-03-01', '2026-03-31', 'Europe/Copenhagen'))).toEqual([
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z', // summer time from 29 March
    ]);
  });

  it('reads wall-clock times in the zone and timestamps with offsets as given', () => {
    expect(iso(parsePeriod('2026-10-25T01:30', '2026-10-25T04:00', 'Europe/Copenhagen'))).toEqual([
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
    expect(
      iso(parsePeriod('2026-03-01T08:00:00Z', '2026-03-02T08:00:00+01:00', 'Europe/Copenhagen')),
    ).toEqual(['2026-03-01T08:00:00.000Z', '2026-03-02T07:00:00.000Z']);
  });

  it('rejects what is not a date, an empty period and an unknown zone, with coded errors', () => {
    expect(() => parsePeriod('2026-02-30', '2026-03-01')).toThrow(/from "2026-02-30" is not a date/);
    expect(() => parsePeriod('2026-03-01', 'next week')).toThrow(
      expect.objectContaining({ code: 'INSIGHTS_BAD_DATE' }),
    );
    expect(() => parsePeriod('2026-03-01T25:00', '2026-03-02')).toThrow(
      expect.objectContaining({ code: 'INSIGHTS_BAD_DATE' }),
    );
    expect(() => parsePeriod('2026-03-02', '2026-03-01')).toThrow(
      expect.objectContaining({ code: 'INSIGHTS_BAD_PERIOD' }),
    );
    expect(() => parsePeriod('2026-03-01', '2026-03-02', 'Nowhere/Special')).toThrow(
      expect.objectContaining({ code: 'INSIGHTS_BAD_TIME_ZONE' }),
    );
  });
});
