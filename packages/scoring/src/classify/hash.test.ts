import { describe, expect, it } from 'vitest';
import { combine, hashRange, hashString } from './hash.js';

describe('feature hashing', () => {
  it('gives the same value for the same chars on every run and in every form', () => {
    // Pinned: a change here silently invalidates every shipped model (bump FEATURE_VERSION).
    expect(hashString('idiot', 1)).toBe(hashString('idiot', 1));
    expect(hashString('idiot', 1)).toBe(1803032441);
    const buf = Uint16Array.from('xxidiotyy', (c) => c.charCodeAt(0));
    expect(hashRange(buf, 2, 7, 1)).toBe(hashString('idiot', 1));
  });

  it('separates namespaces and word order', () => {
    expect(hashString('idiot', 1)).not.toBe(hashString('idiot', 2));
    const a = hashString('you', 1);
    const b = hashString('idiot', 1);
    expect(combine(a, b, 2)).not.toBe(combine(b, a, 2));
  });
});
