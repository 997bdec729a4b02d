import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DeadLetter,
  deadLetterKey,
  openDeadLetterPayload,
  REDACTED_REASON,
  sealDeadLetterPayload,
  type DeadLetterPayload,
} from '@rapport/schemas';
import { redactAllPii } from '@rapport/scoring';
import { deadLetterKeys, deadLetterUnwrapper } from './dead-letters.js';

const EVENT = '{"interactionId":"x-1","text":"call me on +45 20 30 40 50 or mail jens@example.dk"}';
const source = {
  topic: 'rapport.interactions.v1',
  partition: 2,
  offset: '41',
  key: 'x-1',
  timestamp: '1764000000000',
};
const letter = (payload: DeadLetterPayload | undefined, legacy?: string): DeadLetter => ({
  schemaVersion: 1,
  errorCode: 'SCHEMA_VIOLATION',
  errorMessage: 'revision: too small',
  issues: [],
  source,
  ...(payload ? { payload } : {}),
  ...(legacy !== undefined ? { payloadBase64: legacy } : {}),
  payloadBytes: Buffer.byteLength(EVENT),
  firstSeenAt: '2026-12-01T10:00:00.000Z',
});
const newKey = () => randomBytes(32).toString('base64');

describe('dead-letter payloads', () => {
  it('encrypts with AES-256-GCM under the configured key and opens only with it', () => {
    const b64 = newKey();
    const key = deadLetterKey(b64);
    const sealed = sealDeadLetterPayload(Buffer.from(EVENT), source, key, redactAllPii);
    const record = JSON.stringify(letter(sealed));
    expect(record).not.toContain('jens@example.dk');
    expect(record).not.toContain(Buffer.from(EVENT).toString('base64'));
    const parsed = DeadLetter.parse(JSON.parse(record));
    expect(openDeadLetterPayload(parsed, [key]).bytes.toString()).toBe(EVENT);
    // Rotation: the current key first, the one it was written with among the old ones.
    expect(openDeadLetterPayload(parsed, [deadLetterKey(newKey()), key]).bytes.toString()).toBe(EVENT);
    expect(() => openDeadLetterPayload(parsed, [])).toThrow(/DEAD_LETTER_KEY is not set/);
    expect(() => openDeadLetterPayload(parsed, [deadLetterKey(newKey())])).toThrow(
      expect.objectContaining({ code: 'DEAD_LETTER_KEY_UNKNOWN' }),
    );
    // Moved to another record's source, it no longer opens.
    const moved = { ...parsed, source: { ...source, offset: '42' } };
    expect(() => openDeadLetterPayload(moved, [key])).toThrow(
      expect.objectContaining({ code: 'DEAD_LETTER_PAYLOAD_UNREADABLE' }),
    );
  });

  it('without a key keeps the payload redacted, and says so', () => {
    const sealed = sealDeadLetterPayload(Buffer.from(EVENT), source, undefined, redactAllPii);
    expect(sealed).toEqual({
      protection: 'redacted',
      reason: REDACTED_REASON,
      text: '{"interactionId":"x-1","text":"call me on [PHONE] or mail [EMAIL]"}',
    });
    expect(REDACTED_REASON).toMatch(/^no DEAD_LETTER_KEY was configured/);
    expect(openDeadLetterPayload(DeadLetter.parse(letter(sealed)), [])).toMatchObject({ redacted: true });
  });

  it('still reads records written before payloads were protected', () => {
    const old = DeadLetter.parse(
      JSON.parse(JSON.stringify(letter(undefined, Buffer.from(EVENT).toString('base64')))),
    );
    expect(openDeadLetterPayload(old, []).bytes.toString()).toBe(EVENT);
  });

  it('refuses a key that is not 32 bytes of base64, naming the variable', () => {
    expect(() => deadLetterKeys({ DEAD_LETTER_KEY: 'c2hvcnQ=' })).toThrow(
      /DEAD_LETTER_KEY must be the base64 of exactly 32 bytes \(it decodes to 5\)/,
    );
    expect(() => deadLetterKeys({ DEAD_LETTER_KEY: newKey(), DEAD_LETTER_OLD_KEYS: 'nope' })).toThrow(
      /DEAD_LETTER_OLD_KEYS must be/,
    );
    expect(deadLetterKeys({})).toEqual([]);
  });

  it('replay and validate read a dumped dead letter as its payload', () => {
    const b64 = newKey();
    const sealed = sealDeadLetterPayload(Buffer.from(EVENT), source, deadLetterKey(b64), redactAllPii);
    const raw = { origin: 'dlq.jsonl:1', value: JSON.stringify(letter(sealed)), key: null };
    expect(deadLetterUnwrapper(() => deadLetterKeys({ DEAD_LETTER_KEY: b64 }))(raw)).toEqual({
      origin: 'dlq.jsonl:1 (dead letter)',
      value: EVENT,
      key: 'x-1',
    });
    expect(() => deadLetterUnwrapper(() => deadLetterKeys({}))(raw)).toThrow(/DEAD_LETTER_KEY is not set/);
    const plain = { origin: 'events.jsonl:3', value: EVENT, key: 'x-1' };
    expect(deadLetterUnwrapper(() => [])(plain)).toBe(plain);
  });
});
