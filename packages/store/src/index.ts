export { connectStore, redactUri, type StoreConnection, type StoreSettings } from './connect.js';
export {
  classifyStoreError,
  isDuplicateKeyError,
  isTransientStoreError,
  StoreError,
  type StoreErrorClass,
  type StoreErrorCode,
} from './errors.js';
export {
  countOutcomes,
  interactionKey,
  InteractionsRepository,
  toInteractionDocument,
  toStoredInteraction,
  type InteractionDocument,
  type ReviewStatus,
  type SaveOutcome,
  type SaveResult,
  type ScoredForStorage,
} from './interactions.js';
export { decodeInteraction, encodeInteraction, type StoredInteraction } from './interaction-codec.js';
export { InsightsRepository, type InsightRow, type InsightRowsQuery } from './insights.js';
export { ReviewsRepository, type ReviewDocument } from './reviews.js';
export { AccountAdmin, type AccountChange } from './accounts.js';
export {
  PeopleRepository,
  type ApiTokenDocument,
  type SessionDocument,
  type UserDocument,
} from './people.js';
export {
  scorecardAgentId,
  scorecardDayId,
  scorecardMonthId,
  ScorecardsRepository,
  type ScorecardAgentDocument,
  type ScorecardMonthDocument,
  type ScorecardIndexKind,
  type ScorecardIndexState,
  type ScorecardPeriodQuery,
  type ScorecardTeam,
} from './scorecards.js';
export { AuditLog, auditKey, type AuditInput, type AuditLogOptions } from './audit.js';
export {
  canonicalJson,
  hashAuditEntry,
  parseAuditKeys,
  sealOf,
  verifyAuditChain,
  type AuditBreakReason,
  type AuditKeyring,
  type AuditVerification,
} from './audit-chain.js';
export {
  applyRetention,
  countRetentionCandidates,
  minimisedInteraction,
  redactedReview,
  REMOVED_TEXT,
  retentionCutoff,
  type RetentionOptions,
  type RetentionReport,
} from './retention.js';
export {
  StaffingRepository,
  type StaffingRowsQuery,
  type StaffingSourceRow,
  type TranscriptTiming,
} from './staffing.js';
export {
  TrainingRepository,
  type ExampleDetails,
  type TrainingRowsQuery,
  type TrainingSourceRow,
} from './training.js';
