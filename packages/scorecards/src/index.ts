// Scorecards: per-agent per-day totals of scored interactions and review outcomes, and what a
// period of them says, with its uncertainty. Pure: storage and Kafka come in through ports.
export { isScorecardsError, ScorecardsError, type ScorecardsErrorCode } from './errors.js';
export {
  addDays,
  agentKey,
  checkDay,
  dayKey,
  dayOf,
  daysBetween,
  interactionKey,
  isoWeek,
  parsePeriod,
  type IsoWeek,
  type Period,
} from './keys.js';
export {
  decodeReviewFact,
  decodeScoredFact,
  decodeScorecardUpdate,
  factVersion,
  type Fact,
  type FactDecodeResult,
  type FactKind,
  type MalformedCode,
  type UpdateDecodeResult,
} from './facts.js';
export {
  applyUpdate,
  computeCard,
  countsByVersion,
  emptyScores,
  isEmptyDay,
  newDay,
  refreshAttribution,
} from './card.js';
export { mergeAgent } from './agents.js';
export {
  planRoute,
  routeFacts,
  type IndexState,
  type RoutePlan,
  type RoutePort,
  type RouteResult,
} from './route.js';
export { applyUpdates, type ApplyPort, type ApplyResult } from './apply.js';
export {
  meanEstimate,
  normalCdf,
  normalQuantile,
  rateEstimate,
  studentTCdf,
  tQuantile,
  type Interval,
  type MeanEstimate,
  type RateEstimate,
} from './stats.js';
export {
  combineScorecards,
  compareTeam,
  DEFAULT_MIN_INTERACTIONS,
  periodStats,
  summarizeAgents,
  summarizeTeams,
  type AgentPeriodSummary,
  type PeriodOptions,
  type PeriodStats,
  type PeriodTotals,
  type TeamComparison,
  type TeamPeriodSummary,
  type VersusTeam,
} from './period.js';
export { weeklyTrend, type WeeklyPoint } from './trend.js';
export { csvField, formatCsv, type CsvValue } from './csv.js';
export {
  CSV_COLUMNS,
  csvRow,
  engineVersionsOf,
  scorecardsCsv,
  scorecardsJson,
  type JsonExportMeta,
} from './export.js';
