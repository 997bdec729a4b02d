import { InsightsError } from './errors.js';

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  Mon: 0,
  Tue: 1,
  Wed: 2,
  Thu: 3,
  Fri: 4,
  Sat: 5,
  Sun: 6,
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (building one costs far more than using it); throws on an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new InsightsError(
        'INSIGHTS_BAD_TIME_ZONE',
        `unknown time zone "${timeZone}": use an IANA name such as "Europe/Copenhagen" or "UTC"`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Checks a time zone name, returning it; throws INSIGHTS_BAD_TIME_ZONE when Intl does not know it. */
export function checkTimeZone(timeZone: string): string {
  formatterFor(timeZone);
  return timeZone;
}

interface WallTime {
  weekday: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(ms: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const out: WallTime = { weekday: 0, year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of parts) {
    if (p.type === 'weekday') out.weekday = WEEKDAY_INDEX[p.value] ?? 0;
    else if (p.type === 'year') out.year = Number(p.value);
    else if (p.type === 'month') out.month = Number(p.value);
    else if (p.type === 'day') out.day = Number(p.value);
    else if (p.type === 'hour') out.hour = Number(p.value);
    else if (p.type === 'minute') out.minute = Number(p.value);
    else if (p.type === 'second') out.second = Number(p.value);
  }
  return out;
}

/**
 * Day of week (0 = Monday ... 6 = Sunday) and hour (0-23) of an instant in a time zone. Cached by
 * quarter hour: every zone's offset is a whole number of quarter hours, so all instants of one
 * UTC quarter hour share their wall-clock hour.
 */
export class WeekHourClock {
  private readonly cache = new Map<number, number>();

  constructor(readonly timeZone: string) {
    checkTimeZone(timeZone);
  }

  /** day * 24 + hour. */
  slotOf(ms: number): number {
    const quarter = Math.floor(ms / 900_000);
    let slot = this.cache.get(quarter);
    if (slot === undefined) {
      const w = wallTime(quarter * 900_000, this.timeZone);
      slot = w.weekday * 24 + w.hour;
      if (this.cache.size >= 100_000) this.cache.clear();
      this.cache.set(quarter, slot);
    }
    return slot;
  }
}

/** The UTC instant at which a zone's wall clock shows the given time (DST gaps move forward). */
export function zonedTimeToUtc(
  t: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0);
  const offsetAt = (ms: number) => {
    const w = wallTime(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  const first = offsetAt(asUtc);
  const second = offsetAt(asUtc - first);
  return new Date(asUtc - (second === first ? first : second));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

function validCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

interface ParsedBound {
  at: Date;
  dateOnly: boolean;
}

function parseBound(name: string, value: string, timeZone: string): ParsedBound {
  const v = value.trim();
  const bad = () =>
    new InsightsError(
      'INSIGHTS_BAD_DATE',
      `${name} "${value}" is not a date: use YYYY-MM-DD (a day in ${timeZone}), YYYY-MM-DDTHH:MM ` +
        '(wall-clock time there) or an ISO timestamp with an offset such as 2026-03-01T08:00:00Z',
    );
  let m = DATE_ONLY.exec(v);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validCalendarDate(year, month, day)) throw bad();
    return { at: zonedTimeToUtc({ year, month, day }, timeZone), dateOnly: true };
  }
  m = LOCAL_DATE_TIME.exec(v);
  if (m) {
    const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m?.[i] ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!validCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) throw bad();
    return { at: zonedTimeToUtc({ year, month, day, hour, minute, second }, timeZone), dateOnly: false };
  }
  if (ZONED_DATE_TIME.test(v)) {
    const ms = Date.parse(v);
    if (
      !Number.isNaN(ms) &&
      validCalendarDate(...(v.slice(0, 10).split('-').map(Number) as [number, number, number]))
    )
      return { at: new Date(ms), dateOnly: false };
  }
  throw bad();
}

export interface Period {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/**
 * A reporting period from user input. A date-only `to` includes that whole day (from 2026-03-01
 * to 2026-03-31 is all of March); dates and wall-clock times are read in `timeZone`.
 */
/**
 * The longest period insights read: each question scans the period's interactions, so an
 * unbounded period would let one request read the whole store.
 */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

export function parsePeriod(
  from: string,
  to: string,
  timeZone = 'UTC',
  /** How error messages name the two bounds (e.g. "--from" in a CLI). */
  names: { from: string; to: string } = { from: 'from', to: 'to' },
): Period {
  checkTimeZone(timeZone);
  const start = parseBound(names.from, from, timeZone);
  const end = parseBound(names.to, to, timeZone);
  let endAt = end.at;
  if (end.dateOnly) {
    const [y, mo, d] = to.trim().split('-').map(Number) as [number, number, number];
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    endAt = zonedTimeToUtc(
      { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
      timeZone,
    );
  }
  // A day more than the limit in hours covers the hour a daylight-saving change adds.
  if (endAt.getTime() - start.at.getTime() > MAX_PERIOD_DAYS * DAY_MS + 3_600_000)
    throw new InsightsError(
      'INSIGHTS_PERIOD_TOO_LONG',
      `the period from "${from}" to "${to}" is longer than ${MAX_PERIOD_DAYS} days: ` +
        `ask for at most a year at a time (move ${names.from} or ${names.to} closer)`,
    );
  if (endAt.getTime() <= start.at.getTime())
    throw new InsightsError(
      'INSIGHTS_BAD_PERIOD',
      `the period from "${from}" to "${to}" is empty (${start.at.toISOString()} to ${endAt.toISOString()}): ` +
        `${names.to} must come after ${names.from} (a date-only ${names.to} includes that day)`,
    );
  return { from: start.at, to: endAt };
}
