import { describe, expect, it } from 'vitest';
import type { Channel } from '@rapport/schemas';
import { coverage, CoverageAccumulator, DEFAULT_FIRST_RESPONSE_TARGET_SEC } from './coverage.js';
import { InsightsError } from './errors.js';
import type { InsightRow } from './row.js';

let n = 0;
const row = (
  at: string,
  channel: Channel,
  firstResponseSec: number | null | undefined,
  flagged = false,
): InsightRow => ({
  interactionId: `i${++n}`,
  occurredAt: at,
  channel,
  language: { code: 'en' },
  flagged,
  ...(firstResponseSec === undefined
    ? {}
    : { insight: { keyphrases: [], firstResponseSec, messages: { customer: 1, agent: 1 } } }),
});

// 2026-03-02 is a Monday; Copenhagen is UTC+1 until 29 March.
const ROWS: InsightRow[] = [
  // Monday 09-10 in Copenhagen: replies within target but one.
  row('2026-03-02T08:05:00Z', 'chat', 30),
  row('2026-03-02T08:20:00Z', 'chat', 60),
  row('2026-03-02T08:40:00Z', 'chat', 90, true),
  row('2026-03-02T08:55:00Z', 'chat', 300),
  // Monday 10-11: the queue falls behind and flags pile up.
  row('2026-03-02T09:01:00Z', 'chat', 200, true),
  row('2026-03-02T09:15:00Z', 'chat', 240, true),
  row('2026-03-02T09:30:00Z', 'chat', 300, true),
  row('2026-03-02T09:45:00Z', 'chat', 30),
  // Tuesday 14-15: one e-mail answered in an hour.
  row('2026-03-03T13:10:00Z', 'email', 3600),
  // Sunday 23-24: a call (no first-response target) and a chat stored before insights.
  row('2026-03-08T22:30:00Z', 'call', 1.2),
  row('2026-03-08T22:40:00Z', 'chat', undefined, true),
];

describe('coverage', () => {
  const report = coverage(ROWS, { timeZone: 'Europe/Copenhagen' });

  it('summarises the desk: volume, median first response, target ratio, flag rate, busy volume', () => {
    expect({ ...report, cells: undefined, rule: undefined }).toEqual({
      timeZone: 'Europe/Copenhagen',
      channel: null,
      interactions: 11,
      responded: 10,
      // 1.2 30 30 60 90 | 200 240 300 300 3600
      medianFirstResponseSec: 145,
      // chat/e-mail replies over their targets (120 s, 86,400 s); the fifth of nine is 90/120
      medianTargetRatio: 0.75,
      flagRate: 0.4545,
      // non-empty hours hold 4, 4, 1 and 2 interactions: the 75th percentile is 4
      busyVolume: 4,
      firstResponseTargetSec: DEFAULT_FIRST_RESPONSE_TARGET_SEC,
      cells: undefined,
      rule: undefined,
    });
    expect(report.rule).toContain('median first response exceeds the policy target (email 24 h, chat 2 min)');
  });

  it('lays out 7 x 24 cells in the desk time zone', () => {
    expect(report.cells).toHaveLength(7);
    for (const day of report.cells) expect(day).toHaveLength(24);
    const busy = report.cells
      .flat()
      .filter((c) => c.volume > 0)
      .map((c) => [
        c.dayName,
        c.hour,
        c.volume,
        c.responded,
        c.medianFirstResponseSec,
        c.flagged,
        c.flagRate,
      ]);
    expect(busy).toEqual([
      ['Mon', 9, 4, 4, 75, 1, 0.25],
      ['Mon', 10, 4, 4, 220, 3, 0.75],
      ['Tue', 14, 1, 1, 3600, 0, 0],
      ['Sun', 23, 2, 1, 1.2, 1, 0.5],
    ]);
    expect(report.cells[0]![8]).toMatchObject({ volume: 0, medianFirstResponseSec: null, flagRate: null });
  });

  it('marks an hour understaffed by the rule and says why', () => {
    expect(report.cells[0]![10]).toEqual({
      day: 0,
      dayName: 'Mon',
      hour: 10,
      volume: 4,
      responded: 4,
      medianFirstResponseSec: 220,
      // 30/120 200/120 240/120 300/120 -> median (1.667 + 2) / 2
      medianTargetRatio: 1.8333,
      flagged: 3,
      flagRate: 0.75,
      understaffed: true,
      rules: ['over_target', 'slow_while_busy', 'flags_while_busy'],
      reason:
        'median first response is 1.83x the policy target (email 24 h, chat 2 min); ' +
        "busy (4 interactions) and first replies 2.4x slower than the desk's median; " +
        'busy (4 interactions) and 75% flagged against 45% overall',
    });
    const marked = report.cells.flat().filter((c) => c.understaffed);
    expect(marked.map((c) => `${c.dayName} ${c.hour}`)).toEqual(['Mon 10']);
    // Monday 09: busy too, but its median reply (0.625 of target) beats the desk's.
    expect(report.cells[0]![9]).toMatchObject({
      medianTargetRatio: 0.625,
      understaffed: false,
      reason: null,
    });
  });

  it('needs enough replies before judging first response', () => {
    const slow = [row('2026-03-04T10:00:00Z', 'chat', 900), row('2026-03-04T10:10:00Z', 'chat', 900)];
    expect(coverage(slow).cells[2]![10]).toMatchObject({ medianTargetRatio: 7.5, understaffed: false });
    expect(coverage(slow, { minResponded: 2 }).cells[2]![10]).toMatchObject({
      understaffed: true,
      rules: ['over_target'],
    });
  });

  it('calls no hour busy on an evenly loaded desk', () => {
    const at = (hour: number, minute: number) => `2026-03-02T${hour}:${String(minute).padStart(2, '0')}:00Z`;
    const even = [10, 11, 12].flatMap((h) =>
      [0, 10, 20].map((m) => row(at(h, m), 'chat', h === 12 ? 100 : 10)),
    );
    const evenReport = coverage(even);
    expect(evenReport.busyVolume).toBe(4);
    expect(evenReport.cells.flat().filter((c) => c.understaffed)).toEqual([]);
    // One more interaction makes 12-13 the busy hour, and its replies are 10x the desk's median.
    const uneven = coverage([...even, row(at(12, 30), 'chat', 100)]);
    expect(uneven.busyVolume).toBe(4);
    expect(uneven.cells[0]![12]).toMatchObject({ volume: 4, understaffed: true, rules: ['slow_while_busy'] });
    expect(uneven.cells[0]![12]!.reason).toBe(
      "busy (4 interactions) and first replies 10x slower than the desk's median",
    );
  });

  it('uses the given targets and channel, and hours in UTC by default', () => {
    const chatOnly = coverage(ROWS, { channel: 'chat', firstResponseTargetSec: { chat: 600 } });
    expect(chatOnly.interactions).toBe(9);
    expect(chatOnly.cells[0]![9]!.volume).toBe(4); // 10:01 Copenhagen is 09:01 UTC
    // With a 10-minute chat target the late hour is within target, and 75% flagged is under
    // 1.5x the chat-only desk's 56%.
    expect(chatOnly.flagRate).toBe(0.5556);
    expect(chatOnly.cells[0]![9]).toMatchObject({ medianTargetRatio: 0.3667, understaffed: false });
    expect(chatOnly.cells[0]![8]!.medianTargetRatio).toBe(0.125);
  });

  it('follows daylight saving time', () => {
    const r = coverage([row('2026-03-27T08:30:00Z', 'chat', 10), row('2026-03-30T07:30:00Z', 'chat', 10)], {
      timeZone: 'Europe/Copenhagen',
    });
    expect(r.cells[4]![9]!.volume).toBe(1); // Friday, UTC+1
    expect(r.cells[0]![9]!.volume).toBe(1); // Monday, UTC+2
  });

  it('streams through the accumulator to the same result', () => {
    const acc = new CoverageAccumulator({ timeZone: 'Europe/Copenhagen' });
    for (const r of ROWS) acc.add(r);
    expect(acc.result()).toEqual(report);
  });

  it('rejects an unknown time zone and nonsense options with coded errors', () => {
    expect(() => coverage(ROWS, { timeZone: 'Europe/Atlantis' })).toThrow(
      expect.objectContaining({ code: 'INSIGHTS_BAD_TIME_ZONE' }),
    );
    expect(() => coverage(ROWS, { firstResponseTargetSec: { chat: 0 } })).toThrow(InsightsError);
    expect(() => coverage(ROWS, { busyQuantile: 1.5 })).toThrow(/busyQuantile/);
  });
});
