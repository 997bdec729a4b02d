import {
  CoverageAccumulator,
  InsightsError,
  parsePeriod,
  TopicsAccumulator,
  type CoverageReport,
  type TopicsReport,
} from '@rapport/insights';
import type { Channel, Policy } from '@rapport/schemas';
import type { Principal } from '@rapport/review';
import type { InsightsRepository } from '@rapport/store';
import { HttpError } from './http-errors.js';

const CACHE_MS = 5 * 60_000;
const CACHE_ENTRIES = 50;

export interface InsightsQuery {
  from: string;
  to: string;
  timeZone: string;
  channel?: Channel;
  language?: string;
  limit: number;
}

/**
 * Topics and coverage over a period. Both read every interaction of the period (on FerretDB a
 * scan of the collection), so results are kept for five minutes per question and scope.
 */
export class InsightsDesk {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly repo: InsightsRepository,
    private readonly policy: Policy,
  ) {}

  topics(p: Principal, q: InsightsQuery): Promise<TopicsReport> {
    return this.cached(p, 'topics', q, async (rows) => {
      const acc = new TopicsAccumulator({
        limit: q.limit,
        examples: 3,
        ...(q.language ? { language: q.language } : {}),
      });
      for await (const row of rows) acc.add(row);
      return acc.result();
    });
  }

  coverage(p: Principal, q: InsightsQuery): Promise<CoverageReport> {
    return this.cached(p, 'coverage', q, async (rows) => {
      const acc = new CoverageAccumulator({
        timeZone: q.timeZone,
        ...(q.channel ? { channel: q.channel } : {}),
        firstResponseTargetSec: this.policy.thresholds.responsiveness.firstResponseSec,
      });
      for await (const row of rows) acc.add(row);
      return acc.result();
    });
  }

  private cached<T>(
    p: Principal,
    kind: string,
    q: InsightsQuery,
    compute: (rows: ReturnType<InsightsRepository['rows']>) => Promise<T>,
  ): Promise<T> {
    if (p.role === 'agent')
      throw new HttpError(403, 'FORBIDDEN', 'insights are for managers, auditors and admins');
    let period: { from: Date; to: Date };
    try {
      period = parsePeriod(q.from, q.to, q.timeZone);
    } catch (err) {
      if (err instanceof InsightsError) throw new HttpError(400, err.code, err.message);
      throw err;
    }
    const teamIds = p.role === 'manager' ? [...p.teamIds].sort() : undefined;
    const key = JSON.stringify([p.tenantId, teamIds, kind, q]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
    const value = compute(
      this.repo.rows({ tenantId: p.tenantId, ...period, ...(teamIds ? { teamIds } : {}) }),
    );
    value.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: Date.now(), value });
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }
}
