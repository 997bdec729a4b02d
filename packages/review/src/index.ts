export { ReviewError, type ReviewErrorCode } from './errors.js';
export {
  canAdminister,
  canExport,
  canManage,
  canReadAudit,
  canRespond,
  canSee,
  type AccessSubject,
  type Principal,
} from './principal.js';
export {
  AGENT_ACTIONS,
  applyReviewCommand,
  decisionOn,
  hasAgentFacingOutcome,
  initialReviewState,
  REVIEW_LIMITS,
  reviewChange,
  type ReviewChange,
  type ReviewCommand,
  type TransitionContext,
} from './transitions.js';
export {
  decodeCursor,
  encodeCursor,
  keyOf,
  QUEUE_SORTS,
  QueueIndex,
  type ControlSampleSummary,
  type QueueFilter,
  type QueueInteraction,
  type QueueItem,
  type QueuePage,
  type QueueSort,
  type RulePrecision,
} from './queue-index.js';
export {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  hashSecret,
  newPassword,
  newSecret,
  sameSecret,
  verifyPassword,
} from './secrets.js';
