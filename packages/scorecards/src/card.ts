import {
  SCORE_KEYS,
  type EngineVersionCount,
  type FlagTotals,
  type ReviewContribution,
  type Scorecard,
  type ScorecardDayEntries,
  type ScoredContribution,
  type ScoreKey,
  type ScoreTotals,
  type ScorecardUpdate,
} from '@rapport/schemas';

export const emptyScoreTotals = (): ScoreTotals => ({ n: 0, sum: 0, sumSq: 0 });

export const emptyScores = (): Record<ScoreKey, ScoreTotals> =>
  Object.fromEntries(SCORE_KEYS.map((k) => [k, emptyScoreTotals()])) as Record<ScoreKey, ScoreTotals>;

export const emptyFlagTotals = (): FlagTotals => ({
  total: 0,
  flaggedInteractions: 0,
  bySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
  byCode: [],
});

/**
 * The day's totals from its contributions. Contributions are kept sorted by interaction id, so
 * the floating-point sums do not depend on the order in which they arrived.
 */
export function computeCard(day: ScorecardDayEntries): Scorecard {
  const scores = emptyScores();
  const flags = emptyFlagTotals();
  const byCode = new Map<string, number>();
  let controlSample = 0;
  const outcome = emptyScoreTotals();
  const versions = new Map<string, number>();
  for (const c of day.scored) {
    if (c.outcome !== undefined && c.outcome !== null) {
      outcome.n++;
      outcome.sum += c.outcome;
      outcome.sumSq += c.outcome * c.outcome;
    }
    if (c.engineVersion !== undefined)
      versions.set(c.engineVersion, (versions.get(c.engineVersion) ?? 0) + 1);
    for (const key of SCORE_KEYS) {
      const v = c.scores[key];
      if (v === null) continue;
      const t = scores[key];
      t.n++;
      t.sum += v;
      t.sumSq += v * v;
    }
    for (const f of c.flags) {
      flags.total++;
      flags.bySeverity[f.severity]++;
      byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
    }
    if (c.flagged) flags.flaggedInteractions++;
    if (c.control) controlSample++;
  }
  flags.byCode = [...byCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, count]) => ({ code, count }));
  const reviews = { reviewed: 0, confirmed: 0, dismissed: 0 };
  for (const r of day.reviews) {
    reviews.confirmed += r.confirmed;
    reviews.dismissed += r.dismissed;
    if (r.confirmed + r.dismissed > 0) reviews.reviewed++;
  }
  return {
    schemaVersion: 1,
    tenantId: day.tenantId,
    agentId: day.agentId,
    ...(day.agentName !== undefined ? { agentName: day.agentName } : {}),
    teamId: day.teamId,
    day: day.day,
    interactions: day.scored.length,
    controlSample,
    scores,
    outcome,
    engineVersions: countsByVersion(versions),
    flags,
    reviews,
    updatedAt: day.updatedAt,
  };
}

/** Version counts sorted by version, merged from any number of maps. */
export function countsByVersion(...maps: ReadonlyMap<string, number>[]): EngineVersionCount[] {
  const all = new Map<string, number>();
  for (const m of maps) for (const [v, n] of m) all.set(v, (all.get(v) ?? 0) + n);
  return [...all.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([version, interactions]) => ({ version, interactions }));
}

export const isEmptyDay = (day: ScorecardDayEntries) => day.scored.length === 0 && day.reviews.length === 0;

/** Structural equality of JSON-like values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Index of `id` in a list sorted by id, or where it would go (as -(position + 1)). */
function search(list: readonly { id: string }[], id: string): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!.id;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -(lo + 1);
}

function put<T extends { id: string }>(list: T[], entry: T, version: (e: T) => number): boolean {
  const i = search(list, entry.id);
  if (i < 0) {
    list.splice(-i - 1, 0, entry);
    return true;
  }
  const current = list[i]!;
  // An older revision never replaces a newer one (a zombie writer, a reordered duplicate).
  if (version(current) > version(entry) || sameValue(current, entry)) return false;
  list[i] = entry;
  return true;
}

function remove<T extends { id: string }>(
  list: T[],
  id: string,
  upTo: number,
  version: (e: T) => number,
): boolean {
  const i = search(list, id);
  if (i < 0 || version(list[i]!) > upTo) return false;
  list.splice(i, 1);
  return true;
}

const revisionOf = (c: ScoredContribution) => c.revision;
const versionOf = (c: ReviewContribution) => c.version;

/** Applies one update to a day's contributions in place; true when something changed. */
export function applyUpdate(day: ScorecardDayEntries, u: ScorecardUpdate): boolean {
  switch (u.op) {
    case 'put-scored':
      return put(day.scored, u.entry, revisionOf);
    case 'put-review':
      return put(day.reviews, u.entry, versionOf);
    case 'remove-scored':
      return remove(day.scored, u.id, u.version, revisionOf);
    case 'remove-review':
      return remove(day.reviews, u.id, u.version, versionOf);
  }
}

const later = <T extends { occurredAt: string; id: string }>(a: T, b: T) =>
  a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id) ? a : b;

/**
 * The day's team and agent name: those of its latest scored interaction (by occurrence, then
 * id), else of its latest review; unchanged when the day has no contributions left.
 */
export function refreshAttribution(day: ScorecardDayEntries): void {
  if (day.scored.length > 0) {
    day.teamId = day.scored.reduce(later).teamId;
    const named = day.scored.filter((c) => c.agentName !== undefined);
    if (named.length > 0) day.agentName = named.reduce(later).agentName;
  } else if (day.reviews.length > 0) {
    day.teamId = day.reviews.reduce(later).teamId;
  }
}

/** A new, empty agent-day (its team is set from its first contribution). */
export function newDay(tenantId: string, agentId: string, day: string, now: Date): ScorecardDayEntries {
  return { tenantId, agentId, day, teamId: '', updatedAt: now.toISOString(), scored: [], reviews: [] };
}
