export { connectStore, redactUri, type StoreConnection, type StoreSettings } from './connect.js';
export { isDuplicateKeyError, isTransientStoreError, StoreError, type StoreErrorCode } from './errors.js';
export {
  interactionKey,
  InteractionsRepository,
  toInteractionDocument,
  type InteractionDocument,
  type ReviewStatus,
  type SaveResult,
  type ScoredForStorage,
} from './interactions.js';
