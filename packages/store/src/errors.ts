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

/** How a store error should be handled: retried until the store is back, never, or a few times. */
export type StoreErrorClass = 'transient' | 'permanent' | 'unknown';

const TRANSIENT_NAMES =
  /MongoNetwork|MongoServerSelection|MongoTopologyClosed|PoolCleared|MongoNotConnected|MongoWriteConcernError/;
/**
 * The server's retryable codes (the drivers' retryable reads and writes): HostUnreachable 6,
 * HostNotFound 7, LockTimeout 24, NetworkTimeout 89, ShutdownInProgress 91, FailedToSatisfyRead-
 * Preference 133, PrimarySteppedDown 189, ExceededTimeLimit 262, SocketException 9001,
 * NotWritablePrimary 10107, InterruptedAtShutdown 11600, InterruptedDueToReplStateChange 11602,
 * NotPrimaryNoSecondaryOk 13435, NotPrimaryOrSecondary 13436, WriteConflict 112, StaleShardVersion
 * 63, StaleEpoch 150, StaleConfig 13388, RetryChangeStream 234, WriteConcernFailed 64 (timeout).
 */
const TRANSIENT_CODES = new Set([
  6, 7, 24, 63, 64, 89, 91, 112, 133, 150, 189, 234, 262, 9001, 10107, 11600, 11602, 13388, 13435, 13436,
]);
/**
 * FerretDB on SQLite answers a write that waited out SQLite's busy timeout (another writer held
 * the database) with InternalError code 1 and SQLite's message: the same write succeeds later.
 */
const SQLITE_BUSY = /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i;
/**
 * Codes that fail the same way every time: BadValue 2, Unauthorized 13, TypeMismatch 14,
 * AuthenticationFailed 18, FailedToParse 9, ConflictingUpdateOperators 40, InvalidLength 16,
 * DollarPrefixedFieldName 52, InvalidIdField 53, NotSingleValueField 54, InvalidDBRef 55,
 * EmptyFieldName 56, DottedFieldName 57, ImmutableField 66, InvalidOptions 72, InvalidNamespace
 * 73, DocumentValidationFailure 121, DuplicateKey 11000/11001, BSONObjectTooLarge 10334 and
 * 17419 (document over 16 MiB), 17280 (key too large).
 */
const PERMANENT_CODES = new Set([
  2, 9, 13, 14, 16, 18, 40, 52, 53, 54, 55, 56, 57, 66, 72, 73, 121, 10334, 11000, 11001, 17280, 17419,
]);
const PERMANENT_NAMES = /MongoInvalidArgumentError|BSONError|BSONVersionError|MongoParseError|MongoAPIError/;

/**
 * Retry or not. Transient: the store is unreachable, failing over or busy; retry until it is back.
 * Permanent: validation, duplicate keys, documents too large, no permission; it fails again the
 * same way. Unknown: anything else; retry a bounded number of times, then treat as permanent.
 * The driver wraps a network failure of a bulk write in a MongoBulkWriteError (its
 * `errorResponse` is the network error), so wrapped errors are looked at too.
 */
export function classifyStoreError(err: unknown, depth = 0): StoreErrorClass {
  if (typeof err !== 'object' || err === null || depth > 4) return 'unknown';
  const e = err as {
    name?: string;
    code?: unknown;
    message?: unknown;
    errmsg?: unknown;
    errorLabels?: unknown;
    errorResponse?: unknown;
    cause?: unknown;
  };
  if (err instanceof StoreError)
    return err.code === 'STORE_UNAVAILABLE'
      ? 'transient'
      : // A lost version race or an unexplained write failure may pass on a fresh read.
        err.code === 'STORE_WRITE_FAILED' || err.code === 'WRITE_CONFLICT'
        ? 'unknown'
        : 'permanent';
  if (TRANSIENT_NAMES.test(e.name ?? '')) return 'transient';
  if (
    Array.isArray(e.errorLabels) &&
    (e.errorLabels.includes('RetryableWriteError') ||
      e.errorLabels.includes('TransientTransactionError') ||
      e.errorLabels.includes('ResetPool'))
  )
    return 'transient';
  if (typeof e.code === 'number' && TRANSIENT_CODES.has(e.code)) return 'transient';
  const message = `${typeof e.message === 'string' ? e.message : ''} ${typeof e.errmsg === 'string' ? e.errmsg : ''}`;
  if (SQLITE_BUSY.test(message)) return 'transient';
  const wrapped = [e.errorResponse, e.cause].map((w) =>
    w === undefined ? undefined : classifyStoreError(w, depth + 1),
  );
  if (wrapped.includes('transient')) return 'transient';
  if (typeof e.code === 'number' && PERMANENT_CODES.has(e.code)) return 'permanent';
  if (PERMANENT_NAMES.test(e.name ?? '')) return 'permanent';
  if (wrapped.includes('permanent')) return 'permanent';
  return 'unknown';
}

/** Errors worth retrying until the store is back (see classifyStoreError). */
export function isTransientStoreError(err: unknown): boolean {
  return classifyStoreError(err) === 'transient';
}
