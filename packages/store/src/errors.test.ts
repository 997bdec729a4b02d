import { describe, expect, it } from 'vitest';
import { redactUri } from './connect.js';
import { isDuplicateKeyError, isTransientStoreError } from './errors.js';

describe('store error classification', () => {
  it('recognises duplicate keys by code 11000 only', () => {
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
    expect(isDuplicateKeyError({ code: 11001 })).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });

  it('retries network and failover errors, not validation errors', () => {
    expect(isTransientStoreError({ name: 'MongoNetworkError' })).toBe(true);
    expect(isTransientStoreError({ name: 'MongoServerSelectionError' })).toBe(true);
    expect(isTransientStoreError({ name: 'MongoServerError', code: 10107 })).toBe(true);
    expect(isTransientStoreError({ name: 'MongoServerError', errorLabels: ['RetryableWriteError'] })).toBe(
      true,
    );
    expect(isTransientStoreError({ name: 'MongoServerError', code: 11000 })).toBe(false);
    // Regression: a bulk insert during an outage fails as a MongoBulkWriteError wrapping the
    // network error; taken as permanent, the scorer dead-lettered a whole outage's events.
    expect(
      isTransientStoreError({
        name: 'MongoBulkWriteError',
        writeErrors: [],
        errorResponse: { name: 'MongoNetworkError' },
      }),
    ).toBe(true);
    expect(
      isTransientStoreError({
        name: 'MongoBulkWriteError',
        writeErrors: [{ code: 11000 }],
        errorResponse: { code: 11000 },
      }),
    ).toBe(false);
    expect(isTransientStoreError({ name: 'MongoServerError', code: 2 })).toBe(false);
  });

  it('hides credentials in connection strings', () => {
    expect(redactUri('mongodb://app:s3cret@db-1:27017,db-2:27017/rapport')).toBe(
      'mongodb://[credentials]@db-1:27017,db-2:27017/rapport',
    );
    expect(redactUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
  });
});
