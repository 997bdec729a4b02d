import { describe, expect, it } from 'vitest';
import { BoundedLru } from './lru.js';
import { LoginThrottle } from './throttle.js';

const MIN = 60_000;
const throttle = () => new LoginThrottle({ maxFailures: 5, windowMs: 15 * MIN, capacity: 1000 });

describe('LoginThrottle', () => {
  it('lets the owner sign in from their usual address however many strangers fail on their name', () => {
    const t = throttle();
    const now = Date.parse('2026-03-02T09:00:00Z');
    t.succeed('mona', '10.0.0.7', now - 20 * 86_400_000); // mona's usual address, 20 days ago
    // A botnet fails 500 times on "mona" from 100 addresses.
    for (let i = 0; i < 500; i++) t.fail('Mona', `203.0.113.${i % 100}`, now + i);
    expect(t.retryAfter('mona', '10.0.0.7', now + 1000)).toBe(0);
    // Strangers' addresses now wait; a new address of mona's waits too (a delay, not a lockout).
    expect(t.retryAfter('mona', '198.51.100.1', now + 1000)).toBeGreaterThan(0);
    expect(t.retryAfter('mona', '198.51.100.1', now + 1000 + 15 * MIN)).toBe(0);
  });

  it('gives each (name, address) its allowance, then waits of 30 s doubling per failure, at most the window', () => {
    const t = throttle();
    let now = 0;
    for (let i = 0; i < 4; i++) t.fail('bill', '10.0.0.1', now);
    expect(t.retryAfter('bill', '10.0.0.1', now)).toBe(0);
    t.fail('bill', '10.0.0.1', now); // 5th
    expect(t.retryAfter('bill', '10.0.0.1', now)).toBe(30_000);
    // Someone else's pair is untouched.
    expect(t.retryAfter('bill', '10.0.0.2', now)).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      now += t.retryAfter('bill', '10.0.0.1', now);
      t.fail('bill', '10.0.0.1', now);
      waits.push(t.retryAfter('bill', '10.0.0.1', now));
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
    // A quiet window after the last wait forgets the failures.
    now += 15 * MIN + 15 * MIN + 1;
    t.fail('bill', '10.0.0.1', now);
    expect(t.retryAfter('bill', '10.0.0.1', now)).toBe(0);
  });

  it('limits one address spraying many names to four times the allowance', () => {
    const t = throttle();
    for (let i = 0; i < 20; i++) t.fail(`user${i}`, '192.0.2.9', 0);
    expect(t.retryAfter('someone-else', '192.0.2.9', 0)).toBe(30_000);
    expect(t.retryAfter('someone-else', '192.0.2.10', 0)).toBe(0);
  });

  it('a success clears the pair and later failures of others do not count against it', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) t.fail('ada', '10.0.0.3', 0);
    expect(t.retryAfter('ada', '10.0.0.3', 0)).toBe(30_000);
    t.succeed('ada', '10.0.0.3', 30_000);
    expect(t.retryAfter('ada', '10.0.0.3', 30_000)).toBe(0);
  });

  it('holds a fixed number of entries for a million distinct attempts', () => {
    const t = new LoginThrottle({ maxFailures: 5, windowMs: 15 * MIN, capacity: 10_000 });
    for (let i = 0; i < 1_000_000; i++)
      t.fail(`name${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, i);
    // pairs, addresses and names: each at most its capacity (known addresses: none).
    expect(t.size).toBeLessThanOrEqual(30_000);
    expect(t.size).toBeGreaterThan(15_000);
  });
});

describe('BoundedLru', () => {
  it('forgets the least recently used entries first and never holds more than its capacity', () => {
    const lru = new BoundedLru<number>(4);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3); // a and b are now the older half
    expect(lru.get('a')).toBe(1); // a is used again
    lru.set('d', 4);
    lru.set('e', 5);
    expect(lru.peek('b')).toBeUndefined();
    expect(lru.peek('a')).toBe(1);
    expect(lru.peek('e')).toBe(5);
    for (let i = 0; i < 100; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBeLessThanOrEqual(4);
  });
});
