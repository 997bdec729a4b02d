import {
  SCORE_KEYS,
  type EngineVersionCount,
  type FlagTotals,
  type ReviewTotals,
  type Scorecard,
  type ScoreKey,
  type ScoreTotals,
} from '@rapport/schemas';
import { countsByVersion, emptyFlagTotals, emptyScores, emptyScoreTotals } from './card.js';
import { ScorecardsError } from './errors.js';
import { parsePeriod } from './keys.js';
import { meanEstimate, rateEstimate, type MeanEstimate, type RateEstimate } from './stats.js';

export const DEFAULT_MIN_INTERACTIONS = 20;

export interface PeriodOptions {
  /** First and last UTC day of the period, both included (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Below this many scored interactions a period is `insufficient` and gets no rank (default 20). */
  minInteractions?: number;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
  /** What agents and teams are ranked by (default overall). */
  rankBy?: ScoreKey;
}

/** Day scorecards added up: additive, so any period (or team) combines the same way. */
export interface PeriodTotals {
  /** Days with at least one scored interaction. */
  activeDays: number;
  interactions: number;
  controlSample: number;
  scores: Record<ScoreKey, ScoreTotals>;
  /** The customer outcome's totals: apart from the agent dimensions, never ranked by. */
  outcome: ScoreTotals;
  /** Interactions per engine version, sorted by version. */
  engineVersions: EngineVersionCount[];
  flags: FlagTotals;
  reviews: ReviewTotals;
}

/** What a period says, with its uncertainty. */
export interface PeriodStats {
  interactions: number;
  activeDays: number;
  controlSample: number;
  /** Fewer scored interactions than `minInteractions`: show, but do not rank or compare. */
  insufficient: boolean;
  scores: Record<ScoreKey, MeanEstimate>;
  /** How the conversations ended for the customers: not an agent fault, shown apart from the scores. */
  outcome: MeanEstimate;
  /**
   * The engine versions that scored the period's interactions (interactions scored before versions
   * were counted are not listed). More than one: the means mix engines whose scores do not compare.
   */
  engineVersions: EngineVersionCount[];
  /** Share of interactions flagged for review. */
  flaggedRate: RateEstimate;
  /** Share of decided flags that reviewers confirmed. */
  confirmRate: RateEstimate;
  flags: FlagTotals;
  reviews: ReviewTotals;
}

/** How an agent's mean compares with the team's, given the agent's interval. */
export type VersusTeam = 'above' | 'below' | 'within';

export interface AgentPeriodSummary extends PeriodStats {
  tenantId: string;
  agentId: string;
  agentName?: string;
  /** Team of the agent's latest day in the period. */
  teamId: string;
  /** Every team the agent had days in during the period, sorted. */
  teams: string[];
  from: string;
  to: string;
  /** 1 = best by `rankBy`, shared on ties; null when insufficient or not comparable. */
  rank: number | null;
  /** Set by compareTeam: null when the agent is insufficient or has no interval. */
  versusTeam?: VersusTeam | null;
}

export interface TeamPeriodSummary extends PeriodStats {
  tenantId: string;
  teamId: string;
  from: string;
  to: string;
  /** Agents with days in this team during the period, and how many of them are sufficient. */
  agents: number;
  sufficientAgents: number;
  rank: number | null;
}

interface Resolved {
  from: string;
  to: string;
  minInteractions: number;
  confidence: number;
  rankBy: ScoreKey;
}

function resolve(o: PeriodOptions): Resolved {
  parsePeriod(o.from, o.to);
  const minInteractions = o.minInteractions ?? DEFAULT_MIN_INTERACTIONS;
  if (!Number.isInteger(minInteractions) || minInteractions < 1)
    throw new ScorecardsError(
      'INVALID_OPTION',
      `minInteractions must be a positive integer, not ${minInteractions}`,
    );
  const rankBy = o.rankBy ?? 'overall';
  if (!SCORE_KEYS.includes(rankBy))
    throw new ScorecardsError(
      'INVALID_OPTION',
      `rankBy must be one of ${SCORE_KEYS.join(', ')}, not ${rankBy}`,
    );
  return { from: o.from, to: o.to, minInteractions, confidence: o.confidence ?? 0.95, rankBy };
}

/** Adds up day scorecards (any agents, any days). */
export function combineScorecards(cards: readonly Scorecard[]): PeriodTotals {
  const scores = emptyScores();
  const flags = emptyFlagTotals();
  const byCode = new Map<string, number>();
  const reviews: ReviewTotals = { reviewed: 0, confirmed: 0, dismissed: 0 };
  let interactions = 0;
  let controlSample = 0;
  let activeDays = 0;
  const outcome = emptyScoreTotals();
  const versions = new Map<string, number>();
  for (const c of cards) {
    if (c.outcome) {
      outcome.n += c.outcome.n;
      outcome.sum += c.outcome.sum;
      outcome.sumSq += c.outcome.sumSq;
    }
    for (const v of c.engineVersions ?? [])
      versions.set(v.version, (versions.get(v.version) ?? 0) + v.interactions);
    if (c.interactions > 0) activeDays++;
    interactions += c.interactions;
    controlSample += c.controlSample;
    for (const key of SCORE_KEYS) {
      scores[key].n += c.scores[key].n;
      scores[key].sum += c.scores[key].sum;
      scores[key].sumSq += c.scores[key].sumSq;
    }
    flags.total += c.flags.total;
    flags.flaggedInteractions += c.flags.flaggedInteractions;
    for (const s of ['low', 'medium', 'high', 'critical'] as const)
      flags.bySeverity[s] += c.flags.bySeverity[s];
    for (const { code, count } of c.flags.byCode) byCode.set(code, (byCode.get(code) ?? 0) + count);
    reviews.reviewed += c.reviews.reviewed;
    reviews.confirmed += c.reviews.confirmed;
    reviews.dismissed += c.reviews.dismissed;
  }
  flags.byCode = [...byCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, count]) => ({ code, count }));
  return {
    activeDays,
    interactions,
    controlSample,
    scores,
    outcome,
    engineVersions: countsByVersion(versions),
    flags,
    reviews,
  };
}

/** Means with intervals, rates and the insufficient-data verdict of combined totals. */
export function periodStats(
  totals: PeriodTotals,
  options: { minInteractions?: number; confidence?: number } = {},
): PeriodStats {
  const level = options.confidence ?? 0.95;
  const min = options.minInteractions ?? DEFAULT_MIN_INTERACTIONS;
  return {
    interactions: totals.interactions,
    activeDays: totals.activeDays,
    controlSample: totals.controlSample,
    insufficient: totals.interactions < min,
    scores: Object.fromEntries(SCORE_KEYS.map((k) => [k, meanEstimate(totals.scores[k], level)])) as Record<
      ScoreKey,
      MeanEstimate
    >,
    outcome: meanEstimate(totals.outcome, level),
    engineVersions: totals.engineVersions,
    flaggedRate: rateEstimate(totals.flags.flaggedInteractions, totals.interactions, level),
    confirmRate: rateEstimate(
      totals.reviews.confirmed,
      totals.reviews.confirmed + totals.reviews.dismissed,
      level,
    ),
    flags: totals.flags,
    reviews: totals.reviews,
  };
}

const inPeriod = (cards: readonly Scorecard[], r: Resolved) =>
  cards.filter((c) => c.day >= r.from && c.day <= r.to);

function groupBy<K>(cards: readonly Scorecard[], key: (c: Scorecard) => K): Map<K, Scorecard[]> {
  const out = new Map<K, Scorecard[]>();
  for (const c of cards) {
    const k = key(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

/** Whether a summary may be ranked: enough interactions, and enough judged scores on the ranked key. */
const rankable = (s: PeriodStats, r: Resolved) =>
  !s.insufficient && s.scores[r.rankBy].mean !== null && s.scores[r.rankBy].n >= r.minInteractions;

/**
 * Competition ranking (1, 2, 2, 4) by mean, highest first, among rankable summaries; the others
 * get rank null and come after, by `tieBreak`.
 */
function rank<T extends PeriodStats & { rank: number | null }>(
  list: T[],
  r: Resolved,
  tieBreak: (t: T) => string,
): T[] {
  const ranked = list.filter((s) => rankable(s, r));
  const rest = list.filter((s) => !rankable(s, r));
  const mean = (s: T) => s.scores[r.rankBy].mean!;
  ranked.sort((a, b) => mean(b) - mean(a) || (tieBreak(a) < tieBreak(b) ? -1 : 1));
  ranked.forEach((s, i) => {
    const prev = ranked[i - 1];
    s.rank = prev && Math.abs(mean(prev) - mean(s)) < 1e-9 ? prev.rank : i + 1;
  });
  for (const s of rest) s.rank = null;
  rest.sort((a, b) => (tieBreak(a) < tieBreak(b) ? -1 : 1));
  return [...ranked, ...rest];
}

function agentSummary(cards: Scorecard[], r: Resolved): AgentPeriodSummary {
  const sorted = [...cards].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const latest = sorted.at(-1)!;
  const named = sorted.filter((c) => c.agentName !== undefined).at(-1);
  return {
    tenantId: latest.tenantId,
    agentId: latest.agentId,
    ...(named?.agentName !== undefined ? { agentName: named.agentName } : {}),
    teamId: latest.teamId,
    teams: [...new Set(sorted.map((c) => c.teamId))].sort(),
    from: r.from,
    to: r.to,
    ...periodStats(combineScorecards(sorted), r),
    rank: null,
  };
}

/**
 * One summary per agent over the period (cards outside it are ignored), ranked by `rankBy` among
 * agents with enough data; insufficient agents follow, unranked.
 */
export function summarizeAgents(cards: readonly Scorecard[], options: PeriodOptions): AgentPeriodSummary[] {
  const r = resolve(options);
  const groups = groupBy(inPeriod(cards, r), (c) => `${c.tenantId}:${c.agentId}`);
  return rank(
    [...groups.values()].map((g) => agentSummary(g, r)),
    r,
    (s) => s.agentId,
  );
}

/**
 * One summary per team over the period. Each day counts for the team the agent was in that day,
 * so an agent who moved is split between teams.
 */
export function summarizeTeams(cards: readonly Scorecard[], options: PeriodOptions): TeamPeriodSummary[] {
  const r = resolve(options);
  const groups = groupBy(inPeriod(cards, r), (c) => `${c.tenantId}:${c.teamId}`);
  const teams = [...groups.values()].map((g): TeamPeriodSummary => {
    const agents = groupBy(g, (c) => c.agentId);
    let sufficientAgents = 0;
    for (const a of agents.values())
      if (a.reduce((n, c) => n + c.interactions, 0) >= r.minInteractions) sufficientAgents++;
    return {
      tenantId: g[0]!.tenantId,
      teamId: g[0]!.teamId,
      from: r.from,
      to: r.to,
      ...periodStats(combineScorecards(g), r),
      agents: agents.size,
      sufficientAgents,
      rank: null,
    };
  });
  return rank(teams, r, (t) => t.teamId);
}

export interface TeamComparison {
  team: TeamPeriodSummary | null;
  /** Ranked among sufficient agents, each placed above, below or within the team mean. */
  agents: AgentPeriodSummary[];
}

/**
 * A team's agents over the period (only their days in this team), ranked by `rankBy`, each said
 * to be above or below the team mean only when its whole interval is; otherwise within.
 */
export function compareTeam(
  cards: readonly Scorecard[],
  teamId: string,
  options: PeriodOptions,
): TeamComparison {
  const r = resolve(options);
  const inTeam = inPeriod(cards, r).filter((c) => c.teamId === teamId);
  const team = summarizeTeams(inTeam, options)[0] ?? null;
  const agents = summarizeAgents(inTeam, options);
  const teamMean = team?.scores[r.rankBy].mean ?? null;
  for (const a of agents) {
    const ci = a.scores[r.rankBy].ci;
    a.versusTeam =
      a.rank === null || !ci || teamMean === null
        ? null
        : ci.low > teamMean
          ? 'above'
          : ci.high < teamMean
            ? 'below'
            : 'within';
  }
  return { team, agents };
}
