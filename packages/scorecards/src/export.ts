import { SCORE_KEYS, type EngineVersionCount } from '@rapport/schemas';
import type { CsvValue } from './csv.js';
import { formatCsv } from './csv.js';
import { countsByVersion } from './card.js';
import type { AgentPeriodSummary } from './period.js';

const round = (v: number | null | undefined, decimals: number): number | null =>
  v === null || v === undefined ? null : Math.round(v * 10 ** decimals) / 10 ** decimals;

/** The CSV export's columns, in order. */
export const CSV_COLUMNS: readonly string[] = [
  'tenant_id',
  'agent_id',
  'agent_name',
  'team_id',
  'from',
  'to',
  'interactions',
  'active_days',
  'insufficient',
  'rank',
  ...SCORE_KEYS.flatMap((k) => [`${k}_mean`, `${k}_ci_low`, `${k}_ci_high`, `${k}_n`]),
  // The customer's outcome: after the agent dimensions, as it is no fault of the agent's.
  'customer_outcome_mean',
  'customer_outcome_ci_low',
  'customer_outcome_ci_high',
  'customer_outcome_n',
  'flags_total',
  'flags_low',
  'flags_medium',
  'flags_high',
  'flags_critical',
  'flagged_interactions',
  'flagged_rate',
  'reviewed',
  'confirmed',
  'dismissed',
  'control_sample',
  'engine_versions',
];

/** One agent's period as a CSV row (means and bounds to `decimals` places; empty where unknown). */
export function csvRow(s: AgentPeriodSummary, decimals = 2): CsvValue[] {
  return [
    s.tenantId,
    s.agentId,
    s.agentName ?? '',
    s.teamId,
    s.from,
    s.to,
    s.interactions,
    s.activeDays,
    s.insufficient,
    s.rank,
    ...SCORE_KEYS.flatMap((k) => {
      const e = s.scores[k];
      return [round(e.mean, decimals), round(e.ci?.low, decimals), round(e.ci?.high, decimals), e.n];
    }),
    round(s.outcome.mean, decimals),
    round(s.outcome.ci?.low, decimals),
    round(s.outcome.ci?.high, decimals),
    s.outcome.n,
    s.flags.total,
    s.flags.bySeverity.low,
    s.flags.bySeverity.medium,
    s.flags.bySeverity.high,
    s.flags.bySeverity.critical,
    s.flags.flaggedInteractions,
    round(s.flaggedRate.rate, 4),
    s.reviews.reviewed,
    s.reviews.confirmed,
    s.reviews.dismissed,
    s.controlSample,
    s.engineVersions.map((v) => `${v.version}:${v.interactions}`).join(' '),
  ];
}

/** A period's agent summaries as CSV (header first), e.g. for an HR system's import. */
export function scorecardsCsv(summaries: readonly AgentPeriodSummary[], decimals = 2): string {
  return formatCsv([CSV_COLUMNS, ...summaries.map((s) => csvRow(s, decimals))]);
}

export interface JsonExportMeta {
  from: string;
  to: string;
  /** When the export was made (the caller's clock: these functions are pure). */
  generatedAt: string;
  minInteractions: number;
  confidence: number;
}

/** The engine versions behind a set of summaries, with their interaction counts, sorted by version. */
export function engineVersionsOf(
  summaries: readonly { engineVersions: readonly EngineVersionCount[] }[],
): EngineVersionCount[] {
  return countsByVersion(
    ...summaries.map((s) => new Map(s.engineVersions.map((v) => [v.version, v.interactions]))),
  );
}

/**
 * A period's agent summaries as a JSON document (schema "rapport.scorecard-export.v1"), with the
 * engine versions that scored the period: scores of different versions do not compare.
 */
export function scorecardsJson(summaries: readonly AgentPeriodSummary[], meta: JsonExportMeta): string {
  const doc = {
    schema: 'rapport.scorecard-export.v1',
    ...meta,
    engineVersions: engineVersionsOf(summaries),
    agents: summaries,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
