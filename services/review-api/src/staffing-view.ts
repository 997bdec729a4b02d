import {
  applyWhatIf,
  InsightsError,
  parsePeriod,
  staffingPlan,
  staffingSettingsOf,
  type StaffingPlan,
  type StaffingWhatIf,
} from '@rapport/insights';
import type { Policy } from '@rapport/schemas';
import type { Principal } from '@rapport/review';
import type { StaffingRepository } from '@rapport/store';
import { HttpError } from './http-errors.js';

const CACHE_MS = 5 * 60_000;
const CACHE_ENTRIES = 50;

export interface StaffingQuery {
  from: string;
  to: string;
  timeZone: string;
  /** Narrow to these teams (a manager's are further limited to their own). */
  teamIds?: string[];
  whatIf: StaffingWhatIf;
}

/** Managers, auditors and admins plan staffing; agents do not (403, like insights). */
export function requirePlanner(p: Principal, what: string): void {
  if (p.role === 'agent')
    throw new HttpError(403, 'FORBIDDEN', `${what} are for managers, auditors and admins`);
}

/**
 * The teams a plan reads: a manager's own (or those of them asked for), anyone else's as asked
 * (undefined = the whole tenant). A manager asking only for teams not theirs gets 404, as if
 * they did not exist.
 */
export function scopeTeams(p: Principal, asked: readonly string[] | undefined): string[] | undefined {
  if (p.role !== 'manager') return asked ? [...asked].sort() : undefined;
  const own = asked ? asked.filter((t) => p.teamIds.includes(t)) : [...p.teamIds];
  if (own.length === 0) throw new HttpError(404, 'NOT_FOUND', 'no team that you may see');
  return own.sort();
}

/** Library errors from a user's input are 400s with the library's code and message. */
export function badInput<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof InsightsError) throw new HttpError(400, err.code, err.message);
    throw err;
  }
}

/**
 * Staffing plans from stored interactions. A plan reads every interaction of the period (on
 * FerretDB a scan of the collection), so plans are kept for five minutes per question and scope;
 * a what-if re-reads, as observed handle times and agents are per hour of the stream.
 */
export class StaffingDesk {
  private readonly cache = new Map<string, { at: number; value: Promise<StaffingPlan> }>();

  constructor(
    private readonly repo: StaffingRepository,
    private readonly policy: Policy,
  ) {}

  plan(p: Principal, q: StaffingQuery): Promise<StaffingPlan> {
    requirePlanner(p, 'staffing plans');
    const period = badInput(() => parsePeriod(q.from, q.to, q.timeZone));
    const settings = badInput(() => applyWhatIf(staffingSettingsOf(this.policy), q.whatIf));
    const teamIds = scopeTeams(p, q.teamIds);
    const key = JSON.stringify([p.tenantId, teamIds, q]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = staffingPlan(
      this.repo.rows({ tenantId: p.tenantId, ...period, ...(teamIds ? { teamIds } : {}) }),
      {
        ...period,
        timeZone: q.timeZone,
        settings,
        firstResponseTargetSec: this.policy.thresholds.responsiveness.firstResponseSec,
      },
    ).catch((err: unknown) =>
      badInput(() => {
        throw err;
      }),
    );
    value.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: Date.now(), value });
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }
}
