import { describe, expect, it } from 'vitest';
import { loadReviewApiConfig, parseTrustProxy } from './config.js';

describe('TRUST_PROXY', () => {
  it('is off by default', () => {
    expect(loadReviewApiConfig({}).TRUST_PROXY).toBe(false);
  });

  it('takes a hop count or proxy addresses and CIDR ranges', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.10')).toEqual(['10.0.0.0/8', '192.168.1.10']);
    expect(parseTrustProxy('::1,fd00::/8')).toEqual(['::1', 'fd00::/8']);
    expect(loadReviewApiConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });

  it('refuses "true" and anything that is not an address, with a message saying what to set', () => {
    expect(parseTrustProxy('true')).toBeNull();
    expect(parseTrustProxy('lb.example')).toBeNull();
    expect(() => loadReviewApiConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*hop count/s);
  });
});
