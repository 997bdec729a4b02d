import { BoundedLru } from './lru.js';

/** The first wait after the allowance is used up; it doubles with each further failure. */
const FIRST_DELAY_MS = 30_000;
/** An address gets this many times the per-name allowance, across all names: offices share one. */
const ADDRESS_FACTOR = 4;
/**
 * How long an address a name signed in from stays exempt from the name-wide limit: long enough
 * to cover someone who signs in once a month, so an attack on the name never reaches them there.
 */
const KNOWN_MS = 30 * 86_400_000;

interface Failures {
  /** Failures since the last quiet window. */
  count: number;
  last: number;
  /** No attempt is checked before this time (0: none pending). */
  until: number;
}

export interface ThrottleOptions {
  /** Failures allowed before a wait (LOGIN_MAX_FAILURES). */
  maxFailures: number;
  /** Failures are forgotten after this long without one, and no wait is longer (LOGIN_WINDOW_MINUTES). */
  windowMs: number;
  /** Entries kept per kind of key (LOGIN_THROTTLE_ENTRIES). */
  capacity: number;
}

/**
 * Slows down password guessing without handing anyone a lockout weapon.
 *
 * - Per (user name, address): `maxFailures` tries, then waits of 30 s doubling per failure, at
 *   most the window. Someone else's failures never count against your pair.
 * - Per address: four times as many, across all names, so one address cannot spray many names.
 * - Per user name from anywhere (a distributed attack on one person): four times as many, but it
 *   applies only to addresses from which this name has not signed in within 30 days, so the
 *   owner's usual address keeps working however many strangers fail.
 *
 * Every table is a bounded LRU: memory is fixed whatever the number of names and addresses.
 * Per instance: several instances multiply the allowance (documented).
 */
export class LoginThrottle {
  private readonly pairs: BoundedLru<Failures>;
  private readonly addresses: BoundedLru<Failures>;
  private readonly names: BoundedLru<Failures>;
  /** `name|address` pairs that signed in within KNOWN_MS: exempt from the name and address limits. */
  private readonly known: BoundedLru<number>;

  constructor(private readonly o: ThrottleOptions) {
    this.pairs = new BoundedLru(o.capacity);
    this.addresses = new BoundedLru(o.capacity);
    this.names = new BoundedLru(o.capacity);
    this.known = new BoundedLru(o.capacity);
  }

  /** Milliseconds until `name` may try from `address` again; 0 when it may now. */
  retryAfter(rawName: string, address: string, now = Date.now()): number {
    const name = rawName.toLowerCase();
    const pair = pairKey(name, address);
    let wait = this.waitOf(this.pairs, pair, now);
    if (!this.isKnown(pair, now))
      wait = Math.max(wait, this.waitOf(this.addresses, address, now), this.waitOf(this.names, name, now));
    return wait;
  }

  fail(rawName: string, address: string, now = Date.now()): void {
    const name = rawName.toLowerCase();
    const pair = pairKey(name, address);
    this.count(this.pairs, pair, this.o.maxFailures, now);
    if (this.isKnown(pair, now)) return;
    this.count(this.addresses, address, this.o.maxFailures * ADDRESS_FACTOR, now);
    this.count(this.names, name, this.o.maxFailures * ADDRESS_FACTOR, now);
  }

  succeed(rawName: string, address: string, now = Date.now()): void {
    const name = rawName.toLowerCase();
    const pair = pairKey(name, address);
    this.pairs.delete(pair);
    this.known.set(pair, now);
  }

  /** Entries held, for the memory measurement and the tests. */
  get size(): number {
    return this.pairs.size + this.addresses.size + this.names.size + this.known.size;
  }

  private isKnown(pair: string, now: number): boolean {
    const at = this.known.peek(pair);
    return at !== undefined && now - at < KNOWN_MS;
  }

  private waitOf(table: BoundedLru<Failures>, key: string, now: number): number {
    const f = table.peek(key);
    return f && f.until > now ? f.until - now : 0;
  }

  private count(table: BoundedLru<Failures>, key: string, allowed: number, now: number): void {
    const prev = table.get(key);
    // Quiet is counted from the end of any wait: waiting out the longest wait forgets nothing.
    const quietSince = prev ? Math.max(prev.last, prev.until) : 0;
    const count = prev && now - quietSince < this.o.windowMs ? prev.count + 1 : 1;
    const excess = count - allowed;
    const until =
      excess >= 0 ? now + Math.min(this.o.windowMs, FIRST_DELAY_MS * 2 ** Math.min(excess, 30)) : 0;
    table.set(key, { count, last: now, until });
  }
}

// Names arrive lower-cased (sign-in matches them case-insensitively).
const pairKey = (name: string, address: string) => `${name}|${address}`;
