import { describe, expect, it } from 'vitest';
import { storeErrorSummary } from './processor.js';

describe('storeErrorSummary', () => {
  // Regression: the whole driver error went to the log and its message to the dead letter; a
  // bulk-write error can carry the rejected document, transcript and all.
  it('names the error by its name and code, never by its message', () => {
    const err = Object.assign(new Error('Document failed validation: { transcript: "my card is 4111..." }'), {
      name: 'MongoServerError',
      code: 121,
    });
    expect(storeErrorSummary(err)).toBe('MongoServerError (code 121)');
    expect(storeErrorSummary(new TypeError('x'))).toBe('TypeError');
    expect(storeErrorSummary('text')).toBe('Error');
  });
});
