import type { PreparedMessage } from '../engine/prepared.js';
import type { Token } from '../text/tokenize.js';

/**
 * Which words of an agent message are someone else's: words inside quotation marks, and runs the
 * agent repeats from the customer's earlier messages ("you said the product is garbage"). Tone is
 * judged on the agent's own words only; quoting a customer is listening, not insulting them.
 */

/** Echoes shorter than this are ordinary shared vocabulary ("the order", "my account"). */
export const ECHO_MIN_WORDS = 3;
/** A quotation longer than this is more likely an unbalanced quote mark than a quote. */
const MAX_QUOTE_CHARS = 400;

/** Opening quote mark -> the marks that may close it (English, Danish and typographic styles). */
const CLOSERS: ReadonlyMap<number, readonly number[]> = new Map([
  [34, [34]], // "..."
  [0x201c, [0x201d, 0x201c]], // “...” (and “...“ typed by some keyboards)
  [0x201e, [0x201c, 0x201d]], // „...“
  [0xbb, [0xab, 0xbb]], // »...« (Danish) and »...»
  [0xab, [0xbb]], // «...»
  [0x2018, [0x2019]], // ‘...’
  [39, [39]], // '...'
]);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}

/**
 * Character ranges [start, end) inside quotation marks on one line. A single quote opens only
 * before a word and after a space or the start (so "don't" and "customers'" are no quotes).
 */
export function quotedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const closers = CLOSERS.get(c);
    if (closers === undefined) continue;
    const single = c === 39 || c === 0x2018;
    if (single) {
      const before = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (isWordChar(before) || !isWordChar(i + 1 < n ? text.charCodeAt(i + 1) : 32)) continue;
    }
    const limit = Math.min(n, i + 1 + MAX_QUOTE_CHARS);
    for (let j = i + 1; j < limit; j++) {
      const d = text.charCodeAt(j);
      if (d === 10) break;
      if (!closers.includes(d)) continue;
      // A closing single quote ends a word and is not followed by one ("'garbage'," not "isn't").
      if (
        single &&
        (!isWordChar(text.charCodeAt(j - 1)) || isWordChar(j + 1 < n ? text.charCodeAt(j + 1) : 32))
      )
        continue;
      if (j > i + 1) out.push([i + 1, j]);
      i = j;
      break;
    }
  }
  return out;
}

function ngramKey(tokens: readonly Token[], i: number): string {
  let k = (tokens[i] as Token).norm;
  for (let j = 1; j < ECHO_MIN_WORDS; j++) k += `\u0001${(tokens[i + j] as Token).norm}`;
  return k;
}

/**
 * The customer's words before each agent message, built on first use (most messages never ask)
 * and grown as the conversation goes on, so a long conversation is read once, not once per reply.
 */
export class OwnWords {
  private readonly foreignCache = new Map<number, Uint8Array>();
  private readonly customer: readonly PreparedMessage[];
  /** How many customer messages (in order) the sets below hold. */
  private included = 0;
  private readonly words = new Set<string>();
  private readonly ngrams = new Set<string>();

  constructor(customer: readonly PreparedMessage[]) {
    this.customer = [...customer].sort((a, b) => a.index - b.index);
  }

  /** Grows (or, for an earlier message, rebuilds) the sets to the customer's words before m. */
  private upTo(m: PreparedMessage): void {
    let k = 0;
    while (k < this.customer.length && (this.customer[k] as PreparedMessage).index < m.index) k++;
    if (k < this.included) {
      this.words.clear();
      this.ngrams.clear();
      this.included = 0;
    }
    for (; this.included < k; this.included++) {
      const tokens = (this.customer[this.included] as PreparedMessage).tokens;
      for (const t of tokens) this.words.add(t.norm);
      for (let i = 0; i + ECHO_MIN_WORDS <= tokens.length; i++) this.ngrams.add(ngramKey(tokens, i));
    }
  }

  /** True when the customer wrote this word (lower-cased) before message m. */
  customerSaid(m: PreparedMessage, norm: string): boolean {
    this.upTo(m);
    return this.words.has(norm);
  }

  /** Per token of m: 1 when the word is quoted or part of a run echoed from the customer. */
  foreign(m: PreparedMessage): Uint8Array {
    let out = this.foreignCache.get(m.index);
    if (out !== undefined) return out;
    const tokens = m.tokens;
    out = new Uint8Array(tokens.length);
    const quotes = quotedRanges(m.text);
    // Ranges and tokens are both in text order: one pass over each.
    for (let i = 0, q = 0; i < tokens.length && q < quotes.length;) {
      const s = (tokens[i] as Token).start;
      const [a, b] = quotes[q] as [number, number];
      if (s >= b) q++;
      else {
        if (s >= a) out[i] = 1;
        i++;
      }
    }
    if (tokens.length >= ECHO_MIN_WORDS) {
      this.upTo(m);
      if (this.ngrams.size > 0)
        for (let i = 0; i + ECHO_MIN_WORDS <= tokens.length; i++)
          if (this.ngrams.has(ngramKey(tokens, i))) out.fill(1, i, i + ECHO_MIN_WORDS);
    }
    this.foreignCache.set(m.index, out);
    return out;
  }

  /** Character ranges of m that are not the agent's own words, merged. */
  foreignRanges(m: PreparedMessage): [number, number][] {
    const f = this.foreign(m);
    const out: [number, number][] = [];
    for (let i = 0; i < f.length; i++) {
      if (f[i] !== 1) continue;
      const t = m.tokens[i] as Token;
      const last = out[out.length - 1];
      if (last !== undefined && f[i - 1] === 1) last[1] = t.end;
      else out.push([t.start, t.end]);
    }
    return out;
  }
}
