export { connectStore, redactUri, type StoreConnection, type StoreSettings } from './connect.js';
export { isDuplicateKeyError, isTransientStoreError, StoreError, type StoreErrorCode } from './errors.js';
