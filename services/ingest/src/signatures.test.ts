import { describe, expect, it } from 'vitest';
import { SeenCache } from './seen.js';
import { freshEnough, signGeneric, verifyGeneric, verifyIntercom, verifyZendesk } from './signatures.js';

// Expected signatures computed independently with `openssl dgst -hmac`, not with the code under test.
describe('webhook signatures', () => {
  it('Zendesk: base64 HMAC-SHA256 over timestamp + body', () => {
    const body = Buffer.from('{"ticket_id":"35436"}');
    const sig = 'b52rqbntVlp8rRR8Le6JfLbbewW1+XoLzlLEGaUlo1g=';
    expect(verifyZendesk('dGhpcyBpcyBhIHplbmRlc2sgc2VjcmV0', '2026-03-02T10:00:00Z', body, sig)).toBe(true);
    expect(verifyZendesk('dGhpcyBpcyBhIHplbmRlc2sgc2VjcmV0', '2026-03-02T10:00:01Z', body, sig)).toBe(false);
    expect(
      verifyZendesk(
        'dGhpcyBpcyBhIHplbmRlc2sgc2VjcmV0',
        '2026-03-02T10:00:00Z',
        Buffer.from('{"ticket_id":"35437"}'),
        sig,
      ),
    ).toBe(false);
  });

  it('Intercom: X-Hub-Signature sha1= hex HMAC of the body', () => {
    const body = Buffer.from('{"type":"notification_event"}');
    expect(
      verifyIntercom('intercom-client-secret', body, 'sha1=941ff7fcd8244a68faffd37016f6a1ee9566549f'),
    ).toBe(true);
    expect(
      verifyIntercom('intercom-client-secret', body, 'sha1=941ff7fcd8244a68faffd37016f6a1ee9566549e'),
    ).toBe(false);
    expect(verifyIntercom('intercom-client-secret', body, '')).toBe(false);
  });

  it('generic: sha256= hex HMAC of "<timestamp>.<body>"', () => {
    const expected = 'sha256=04c2dd0275dd6b0b86c127293ce3669c32a390c51eee5fa03646cc098742174d';
    expect(signGeneric('generic-secret-of-sixteen-plus', '1772445600', '{"a":1}')).toBe(expected);
    expect(
      verifyGeneric('generic-secret-of-sixteen-plus', '1772445601', Buffer.from('{"a":1}'), expected),
    ).toBe(false);
  });

  it('timestamps: Unix seconds or ISO-8601, within the window either side', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(freshEnough('1772445600', 300, now)).toBe(true);
    expect(freshEnough('2026-03-02T10:04:59Z', 300, now)).toBe(true);
    expect(freshEnough('2026-03-02T10:05:01Z', 300, now)).toBe(false);
    expect(freshEnough('1772445000', 300, now)).toBe(false);
    expect(freshEnough('yesterday', 300, now)).toBe(false);
  });
});

describe('SeenCache', () => {
  it('remembers for the ttl and drops the oldest beyond its size', () => {
    const c = new SeenCache(1000, 2);
    c.add('a', 0);
    expect(c.has('a', 999)).toBe(true);
    expect(c.has('a', 1001)).toBe(false);
    c.add('a', 2000);
    c.add('b', 2000);
    c.add('c', 2000);
    expect([c.has('a', 2000), c.has('b', 2000), c.has('c', 2000)]).toEqual([false, true, true]);
  });
});
