/** Stable error codes of @rapport/store. */
export type StoreErrorCode =
  | 'STORE_UNAVAILABLE'
  | 'DUPLICATE_KEY'
  | 'STORE_WRITE_FAILED'
  /** A version-guarded write found a newer version: someone else changed the document first. */
  | 'WRITE_CONFLICT'
  /** An audit entry that does not satisfy the AuditEntry contract (e.g. an action not "noun.verb"). */
  | 'AUDIT_ENTRY_INVALID';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** E11000: the same key was inserted twice (MongoDB and FerretDB both use code 11000). */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

const TRANSIENT_NAMES = /MongoNetwork|MongoServerSelection|MongoTopologyClosed|PoolCleared|MongoNotConnected/;
// NotWritablePrimary, PrimarySteppedDown, ShutdownInProgress, InterruptedAtShutdown, HostUnreachable,
// HostNotFound, NetworkTimeout, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 10107, 11600, 11602, 13435, 13436]);

/**
 * Errors worth retrying: the store is unreachable or failing over. Anything else (validation,
 * duplicate keys, bad queries) will fail again the same way. The driver wraps a network failure
 * of a bulk write in a MongoBulkWriteError (its `errorResponse` is the network error), so the
 * wrapped errors are looked at too.
 */
export function isTransientStoreError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as {
    name?: string;
    code?: unknown;
    errorLabels?: unknown;
    errorResponse?: unknown;
    cause?: unknown;
  };
  if (TRANSIENT_NAMES.test(e.name ?? '')) return true;
  if (
    Array.isArray(e.errorLabels) &&
    (e.errorLabels.includes('RetryableWriteError') || e.errorLabels.includes('TransientTransactionError'))
  ) {
    return true;
  }
  if (typeof e.code === 'number' && TRANSIENT_CODES.has(e.code)) return true;
  return isTransientStoreError(e.errorResponse, depth + 1) || isTransientStoreError(e.cause, depth + 1);
}
