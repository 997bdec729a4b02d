import { Policy, type Channel } from '@rapport/schemas';
import { InsightsError } from './errors.js';
import type { InsightRow } from './row.js';
import { DAY_NAMES, WeekHourClock } from './time.js';

/** The default policy's first-response targets (seconds per channel; calls have none). */
export const DEFAULT_FIRST_RESPONSE_TARGET_SEC: Readonly<Partial<Record<Channel, number>>> = Policy.parse({
  id: 'default',
  version: '0',
}).thresholds.responsiveness.firstResponseSec;

export type UnderstaffedRule = 'over_target' | 'slow_while_busy' | 'flags_while_busy';

export interface CoverageOptions {
  /** IANA zone of the desk (default UTC): hours are the desk's wall-clock hours. */
  timeZone?: string;
  /** Only this channel; default all (then first-response figures mix channels, see medianTargetRatio). */
  channel?: Channel;
  /**
   * First-response target per channel in seconds: the policy's
   * thresholds.responsiveness.firstResponseSec (default: the default policy's, e-mail 24 h, chat 2 min).
   */
  firstResponseTargetSec?: Partial<Record<Channel, number>>;
  /** First-response rules need at least this many replied interactions in the hour (default 3). */
  minResponded?: number;
  /**
   * Busy: an hour whose volume reaches this quantile of the non-empty hours' volumes (default
   * 0.75) and exceeds their median.
   */
  busyQuantile?: number;
  /** slow_while_busy: median target ratio at least this many times the desk's (default 2). */
  slowFactor?: number;
  /** flags_while_busy: flag rate at least this many times the desk's (default 1.5)... */
  flagFactor?: number;
  /** ...with at least this many flagged interactions in the hour (default 3). */
  minFlagged?: number;
}

export interface CoverageCell {
  /** 0 = Monday ... 6 = Sunday. */
  day: number;
  dayName: (typeof DAY_NAMES)[number];
  hour: number;
  volume: number;
  /** Interactions with a first response time. */
  responded: number;
  medianFirstResponseSec: number | null;
  /**
   * Median of first response / the channel's target over interactions whose channel has one: 1.0
   * is exactly on target. Comparable across channels, unlike seconds.
   */
  medianTargetRatio: number | null;
  flagged: number;
  /** flagged / volume; null when there were no interactions. */
  flagRate: number | null;
  understaffed: boolean;
  rules: UnderstaffedRule[];
  /** Why it is understaffed, in words; null when it is not. */
  reason: string | null;
}

export interface CoverageReport {
  timeZone: string;
  channel: Channel | null;
  interactions: number;
  responded: number;
  /** The desk's figures over the whole period, the baseline of the relative rules. */
  medianFirstResponseSec: number | null;
  medianTargetRatio: number | null;
  flagRate: number | null;
  /** Volume from which an hour counts as busy. */
  busyVolume: number;
  firstResponseTargetSec: Partial<Record<Channel, number>>;
  /** The rule, with this report's numbers. */
  rule: string;
  /** cells[day][hour]: 7 x 24, Monday first. */
  cells: CoverageCell[][];
}

interface CellState {
  volume: number;
  flagged: number;
  firstResponses: number[];
  ratios: number[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank quantile. */
function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

function duration(sec: number): string {
  if (sec < 120) return `${Math.round(sec)} s`;
  if (sec < 2 * 3600) return `${Math.round(sec / 60)} min`;
  return `${Math.round((sec / 3600) * 10) / 10} h`;
}

const round = (v: number | null, digits: number) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

function check(name: string, v: number, ok: boolean, what: string): number {
  if (!Number.isFinite(v) || !ok)
    throw new InsightsError('INSIGHTS_BAD_OPTION', `${name} must be ${what}, not ${v}`);
  return v;
}

/** Coverage of a period, fed one interaction at a time; memory holds one number per replied interaction. */
export class CoverageAccumulator {
  private readonly clock: WeekHourClock;
  private readonly cells: CellState[] = Array.from({ length: 168 }, () => ({
    volume: 0,
    flagged: 0,
    firstResponses: [],
    ratios: [],
  }));
  private readonly targets: Partial<Record<Channel, number>>;
  private readonly o: Required<Omit<CoverageOptions, 'channel' | 'firstResponseTargetSec' | 'timeZone'>>;

  constructor(private readonly options: CoverageOptions = {}) {
    this.clock = new WeekHourClock(options.timeZone ?? 'UTC');
    this.targets = { ...(options.firstResponseTargetSec ?? DEFAULT_FIRST_RESPONSE_TARGET_SEC) };
    for (const [channel, sec] of Object.entries(this.targets))
      check(`the ${channel} first-response target`, sec, sec > 0, 'a positive number of seconds');
    this.o = {
      minResponded: check(
        'minResponded',
        options.minResponded ?? 3,
        (options.minResponded ?? 3) >= 1,
        'at least 1',
      ),
      busyQuantile: check(
        'busyQuantile',
        options.busyQuantile ?? 0.75,
        within01(options.busyQuantile ?? 0.75),
        'within 0-1',
      ),
      slowFactor: check('slowFactor', options.slowFactor ?? 2, (options.slowFactor ?? 2) >= 1, 'at least 1'),
      flagFactor: check(
        'flagFactor',
        options.flagFactor ?? 1.5,
        (options.flagFactor ?? 1.5) >= 1,
        'at least 1',
      ),
      minFlagged: check('minFlagged', options.minFlagged ?? 3, (options.minFlagged ?? 3) >= 1, 'at least 1'),
    };
  }

  add(row: InsightRow): void {
    if (this.options.channel !== undefined && row.channel !== this.options.channel) return;
    const ms = row.occurredAt instanceof Date ? row.occurredAt.getTime() : Date.parse(row.occurredAt);
    if (Number.isNaN(ms)) return;
    const cell = this.cells[this.clock.slotOf(ms)] as CellState;
    cell.volume++;
    if (row.flagged) cell.flagged++;
    const sec = row.insight?.firstResponseSec;
    if (sec === undefined || sec === null) return;
    cell.firstResponses.push(sec);
    const target = this.targets[row.channel];
    if (target !== undefined) cell.ratios.push(sec / target);
  }

  result(): CoverageReport {
    const o = this.o;
    const all = { volume: 0, flagged: 0, firstResponses: [] as number[], ratios: [] as number[] };
    for (const c of this.cells) {
      all.volume += c.volume;
      all.flagged += c.flagged;
      for (const v of c.firstResponses) all.firstResponses.push(v);
      for (const v of c.ratios) all.ratios.push(v);
    }
    const deskRatio = median(all.ratios);
    const deskFlagRate = all.volume === 0 ? null : all.flagged / all.volume;
    // Busy: at the busy quantile and above the median hour, so an evenly loaded desk has no
    // busy hours (and the relative rules compare against something).
    const volumes = this.cells.filter((c) => c.volume > 0).map((c) => c.volume);
    const busyVolume = Math.max(1, quantile(volumes, o.busyQuantile), quantile(volumes, 0.5) + 1);
    const targetText = Object.entries(this.targets)
      .filter(([channel]) => this.options.channel === undefined || channel === this.options.channel)
      .map(([channel, sec]) => `${channel} ${duration(sec)}`)
      .join(', ');
    const cells: CoverageCell[][] = [];
    for (let day = 0; day < 7; day++) {
      const row: CoverageCell[] = [];
      for (let hour = 0; hour < 24; hour++) {
        const c = this.cells[day * 24 + hour] as CellState;
        const ratio = median(c.ratios);
        const flagRate = c.volume === 0 ? null : c.flagged / c.volume;
        const busy = c.volume >= busyVolume;
        const rules: UnderstaffedRule[] = [];
        const reasons: string[] = [];
        if (c.ratios.length >= o.minResponded && ratio !== null) {
          if (ratio > 1) {
            rules.push('over_target');
            reasons.push(`median first response is ${round(ratio, 2)}x the policy target (${targetText})`);
          }
          if (busy && deskRatio !== null && deskRatio > 0 && ratio >= o.slowFactor * deskRatio) {
            rules.push('slow_while_busy');
            reasons.push(
              `busy (${c.volume} interactions) and first replies ${round(ratio / deskRatio, 1)}x slower than the desk's median`,
            );
          }
        }
        if (
          busy &&
          flagRate !== null &&
          deskFlagRate !== null &&
          deskFlagRate > 0 &&
          c.flagged >= o.minFlagged &&
          flagRate >= o.flagFactor * deskFlagRate
        ) {
          rules.push('flags_while_busy');
          reasons.push(
            `busy (${c.volume} interactions) and ${Math.round(flagRate * 100)}% flagged against ${Math.round(deskFlagRate * 100)}% overall`,
          );
        }
        row.push({
          day,
          dayName: DAY_NAMES[day] as (typeof DAY_NAMES)[number],
          hour,
          volume: c.volume,
          responded: c.firstResponses.length,
          medianFirstResponseSec: round(median(c.firstResponses), 2),
          medianTargetRatio: round(ratio, 4),
          flagged: c.flagged,
          flagRate: round(flagRate, 4),
          understaffed: rules.length > 0,
          rules,
          reason: reasons.length > 0 ? reasons.join('; ') : null,
        });
      }
      cells.push(row);
    }
    return {
      timeZone: this.clock.timeZone,
      channel: this.options.channel ?? null,
      interactions: all.volume,
      responded: all.firstResponses.length,
      medianFirstResponseSec: round(median(all.firstResponses), 2),
      medianTargetRatio: round(deskRatio, 4),
      flagRate: round(deskFlagRate, 4),
      busyVolume,
      firstResponseTargetSec: this.targets,
      rule: describeRule(o, busyVolume, targetText, deskRatio, deskFlagRate),
      cells,
    };
  }
}

function within01(v: number): boolean {
  return v > 0 && v <= 1;
}

function describeRule(
  o: Required<Omit<CoverageOptions, 'channel' | 'firstResponseTargetSec' | 'timeZone'>>,
  busyVolume: number,
  targetText: string,
  deskRatio: number | null,
  deskFlagRate: number | null,
): string {
  return (
    `An hour of the week is understaffed when (over_target) at least ${o.minResponded} of its interactions got a ` +
    `first reply and their median first response exceeds the policy target (${targetText || 'none set'}); or ` +
    `when it is busy (at least ${busyVolume} interactions: the ${Math.round(o.busyQuantile * 100)}th percentile ` +
    `of non-empty hours, and more than their median) and either (slow_while_busy) its median first response, as a share of the target, is at ` +
    `least ${o.slowFactor}x the desk's (${deskRatio === null ? 'n/a' : round(deskRatio, 3)}), or ` +
    `(flags_while_busy) at least ${o.minFlagged} interactions were flagged and its flag rate is at least ` +
    `${o.flagFactor}x the desk's (${deskFlagRate === null ? 'n/a' : `${round(deskFlagRate * 100, 1)}%`}).`
  );
}

/**
 * Interaction volume per hour of the week in the desk's time zone, against median first
 * response time and flag rate, with understaffed hours marked (the rule is in the report's
 * `rule`, and each marked cell says which part applied). Interactions without a first response
 * (agent-initiated, unanswered, or stored before insights) count in volume and flag rate only.
 */
export function coverage(rows: Iterable<InsightRow>, options: CoverageOptions = {}): CoverageReport {
  const acc = new CoverageAccumulator(options);
  for (const row of rows) acc.add(row);
  return acc.result();
}
