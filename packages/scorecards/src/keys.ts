import { IsoDay } from '@rapport/schemas';
import { ScorecardsError } from './errors.js';

const DAY_MS = 86_400_000;

/** `${tenantId}:${agentId}:${day}`: the key of an agent-day (tenant ids have no colon; days are fixed width). */
export const dayKey = (tenantId: string, agentId: string, day: string) => `${tenantId}:${agentId}:${day}`;

/** `${tenantId}:${agentId}`: the key of the updates topic, so one partition owns each agent's days. */
export const agentKey = (tenantId: string, agentId: string) => `${tenantId}:${agentId}`;

/** `${tenantId}:${interactionId}`: where an interaction's contribution currently is. */
export const interactionKey = (tenantId: string, interactionId: string) => `${tenantId}:${interactionId}`;

/** The UTC calendar day of an ISO-8601 timestamp. */
export const dayOf = (timestamp: string): string => new Date(timestamp).toISOString().slice(0, 10);

/** Throws INVALID_DAY unless `day` is a real YYYY-MM-DD date. */
export function checkDay(day: string, what = 'day'): string {
  if (!IsoDay.safeParse(day).success)
    throw new ScorecardsError('INVALID_DAY', `${what} "${day}" must be a UTC date like 2026-03-02`);
  return day;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => fromMs(dayMs(day) + n * DAY_MS);

/** Days from `from` to `to`, both included (empty when from > to). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = dayMs(from), end = dayMs(to); t <= end; t += DAY_MS) out.push(fromMs(t));
  return out;
}

export interface Period {
  from: string;
  to: string;
  /** Days in the period, both ends included. */
  days: number;
}

/** Validates a period: real days, from <= to, at most `maxDays` long (default 400). */
export function parsePeriod(from: string, to: string, maxDays = 400): Period {
  checkDay(from, 'from');
  checkDay(to, 'to');
  const days = (dayMs(to) - dayMs(from)) / DAY_MS + 1;
  if (days < 1) throw new ScorecardsError('INVALID_PERIOD', `period ends (${to}) before it starts (${from})`);
  if (days > maxDays)
    throw new ScorecardsError(
      'INVALID_PERIOD',
      `period ${from}..${to} is ${days} days; ask for at most ${maxDays} days at a time`,
    );
  return { from, to, days };
}

export interface IsoWeek {
  /** e.g. "2026-W10" */
  week: string;
  year: number;
  number: number;
  /** Monday and Sunday of the week. */
  start: string;
  end: string;
}

/** The ISO-8601 week of a day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(day: string): IsoWeek {
  const t = dayMs(day);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const monday = t - weekday * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const number = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return {
    week: `${year}-W${String(number).padStart(2, '0')}`,
    year,
    number,
    start: fromMs(monday),
    end: fromMs(monday + 6 * DAY_MS),
  };
}
