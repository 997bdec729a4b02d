/** Stable error codes of @rapport/store. */
export type StoreErrorCode = 'STORE_UNAVAILABLE' | 'DUPLICATE_KEY' | 'STORE_WRITE_FAILED';

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

/**
 * Errors worth retrying: the store is unreachable or failing over. Anything else (validation,
 * duplicate keys, bad queries) will fail again the same way.
 */
export function isTransientStoreError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const name = (err as { name?: string }).name ?? '';
  if (/MongoNetwork|MongoServerSelection|MongoTopologyClosed|PoolCleared|MongoNotConnected/.test(name))
    return true;
  const labels = (err as { errorLabels?: unknown }).errorLabels;
  if (
    Array.isArray(labels) &&
    (labels.includes('RetryableWriteError') || labels.includes('TransientTransactionError'))
  )
    return true;
  const code = (err as { code?: unknown }).code;
  // NotWritablePrimary, PrimarySteppedDown, ShutdownInProgress, InterruptedAtShutdown, HostUnreachable, NetworkTimeout
  return typeof code === 'number' && [6, 7, 89, 91, 189, 10107, 11600, 11602, 13435, 13436].includes(code);
}
