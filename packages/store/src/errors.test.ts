import { describe, expect, it } from 'vitest';
import { redactUri } from './connect.js';
import { classifyStoreError, isDuplicateKeyError, isTransientStoreError } from './errors.js';

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

  // Regression: FerretDB's SQLITE_BUSY and several retryable server codes were taken as
  // permanent, so valid events were dead-lettered and committed while the store was busy.
  it('retries a busy SQLite under FerretDB and the retryable server codes', () => {
    expect(
      classifyStoreError({
        name: 'MongoServerError',
        code: 1,
        message: 'database is locked (5) (SQLITE_BUSY)',
      }),
    ).toBe('transient');
    for (const code of [6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 112])
      expect(classifyStoreError({ name: 'MongoServerError', code })).toBe('transient');
    expect(classifyStoreError({ name: 'MongoServerError', errorLabels: ['ResetPool'] })).toBe('transient');
  });

  it('knows what fails again the same way, and calls the rest unknown', () => {
    expect(classifyStoreError({ name: 'MongoServerError', code: 11000 })).toBe('permanent');
    expect(classifyStoreError({ name: 'MongoServerError', code: 10334 })).toBe('permanent');
    expect(classifyStoreError({ name: 'MongoServerError', code: 121 })).toBe('permanent');
    expect(classifyStoreError({ name: 'BSONError', message: 'too large' })).toBe('permanent');
    expect(classifyStoreError({ name: 'MongoServerError', code: 1, message: 'internal error' })).toBe(
      'unknown',
    );
    expect(classifyStoreError(new Error('what is this'))).toBe('unknown');
    expect(classifyStoreError('a string')).toBe('unknown');
  });

  it('hides credentials in connection strings', () => {
    expect(redactUri('mongodb://app:s3cret@db-1:27017,db-2:27017/rapport')).toBe(
      'mongodb://[credentials]@db-1:27017,db-2:27017/rapport',
    );
    expect(redactUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
  });
});
