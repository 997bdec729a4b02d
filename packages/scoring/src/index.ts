/**
 * @rapport/scoring: scores a help-desk interaction (e-mail, chat, call) on politeness, tone,
 * accuracy, clarity, responsiveness and compliance, every score with evidence. Pure and
 * deterministic; lexicons, models and the default policy load once at module load.
 */
export { scoreInteraction, type ScoringContext } from './engine/score.js';
export { warmUp, type WarmUpOptions } from './engine/warm-up.js';
export { loadPolicy, parsePolicy } from './policy/load.js';
export { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE } from './policy/defaults.js';
export { KnowledgeBase, KnowledgeFact, type KnowledgeBaseInput } from './knowledge/schema.js';
export { loadKnowledgeBase, parseKnowledgeBase } from './knowledge/load.js';
export {
  FLAG_CATALOG,
  flagDefinition,
  isFlagCode,
  type FlagCode,
  type FlagDefinition,
} from './flags/catalog.js';
export { genericFlagMessage } from './flags/generic-message.js';
export { redactAllPii } from './pii/redact-all.js';
export { ScoringError, isScoringError, SCORING_ERROR_CODES, type ScoringErrorCode } from './errors.js';
export { ENGINE_VERSION } from './version.js';
export {
  classifyText,
  classifierNames,
  warmUpClassifiers,
  type Classification,
  type ClassifierName,
  type ClassifierSpan,
} from './classify/index.js';
