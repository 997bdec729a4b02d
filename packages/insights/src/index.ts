/**
 * @rapport/insights: manager insights over stored interactions, as pure functions. Top customer
 * topics (TF-IDF over the keyphrases the engine keeps per interaction) for training material, and
 * hour-of-week coverage (volume against first response time and flag rate) for schedules.
 */
export {
  topTopics,
  TopicsAccumulator,
  type Topic,
  type TopicExample,
  type TopicsOptions,
  type TopicsReport,
} from './topics.js';
export {
  coverage,
  CoverageAccumulator,
  DEFAULT_FIRST_RESPONSE_TARGET_SEC,
  type CoverageCell,
  type CoverageOptions,
  type CoverageReport,
  type UnderstaffedRule,
} from './coverage.js';
export { DAY_NAMES, MAX_PERIOD_DAYS, parsePeriod, checkTimeZone, type Period } from './time.js';
export { topicKey } from './stem.js';
export { stemDanish } from './danish-stemmer.js';
export type { InsightRow } from './row.js';
export { InsightsError, isInsightsError, type InsightsErrorCode } from './errors.js';
export {
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  requiredAgents,
  serviceLevel,
  type ErlangInput,
  type ErlangResult,
} from './erlang.js';
export { handleTimeSec, type TimedEntry } from './handle-time.js';
export {
  applyWhatIf,
  StaffingAccumulator,
  staffingPlan,
  staffingSettingsOf,
  toStaffingRow,
  type ChannelPlan,
  type HandleSource,
  type ServiceTarget,
  type StaffingCell,
  type StaffingMethod,
  type StaffingOptions,
  type StaffingPlan,
  type StaffingRow,
  type StaffingSource,
  type StaffingSettings,
  type StaffingStatus,
  type StaffingWhatIf,
} from './staffing.js';
export {
  candidateIds,
  CANDIDATES_PER_KIND,
  EXAMPLES_NOTE,
  TrainingAccumulator,
  trainingPacks,
  trainingReport,
  type AgentOnTopic,
  type CandidateDetails,
  type ExampleCandidate,
  type ExampleConversation,
  type TopicHandling,
  type TrainingDraft,
  type TrainingDraftTopic,
  type TrainingOptions,
  type TrainingPack,
  type TrainingReport,
  type TrainingRow,
} from './training.js';
export { trainingMarkdown, type TrainingExportMeta } from './training-markdown.js';
