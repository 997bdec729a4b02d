import { parsePeriod, trainingPacks, type TrainingReport } from '@rapport/insights';
import type { Principal } from '@rapport/review';
import type { TrainingRepository } from '@rapport/store';
import { badInput, requirePlanner, scopeTeams } from './staffing-view.js';

const CACHE_MS = 5 * 60_000;
const CACHE_ENTRIES = 50;

export interface TrainingQuery {
  from: string;
  to: string;
  timeZone: string;
  teamIds?: string[];
  topics: number;
  examples: number;
  language?: string;
}

/**
 * Training packs from stored interactions, for managers (their teams), auditors and admins. A
 * pack reads the whole period once, so packs are kept for five minutes per question and scope.
 */
export class TrainingDesk {
  private readonly cache = new Map<string, { at: number; value: Promise<TrainingReport> }>();

  constructor(private readonly repo: TrainingRepository) {}

  /** The teams a pack covers (undefined = the whole tenant), for its title. */
  teamsOf(p: Principal, q: TrainingQuery): string[] | undefined {
    return scopeTeams(p, q.teamIds);
  }

  packs(p: Principal, q: TrainingQuery): Promise<TrainingReport> {
    requirePlanner(p, 'training packs');
    const period = badInput(() => parsePeriod(q.from, q.to, q.timeZone));
    const teamIds = scopeTeams(p, q.teamIds);
    const key = JSON.stringify([p.tenantId, teamIds, q]);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = trainingPacks(
      this.repo.rows({ tenantId: p.tenantId, ...period, ...(teamIds ? { teamIds } : {}) }),
      (ids) => this.repo.examples(p.tenantId, ids),
      { topics: q.topics, examples: q.examples, ...(q.language ? { language: q.language } : {}) },
    );
    value.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: Date.now(), value });
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }
}
