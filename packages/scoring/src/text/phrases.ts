import { tokenize, type Token } from './tokenize.js';

/**
 * Phrase lists compiled for token-level matching: one pass over a message's tokens finds every
 * phrase of every category, with no regex (so no backtracking on hostile input).
 *
 * Pattern syntax, word by word:
 *   "as i (already) said|told"   "(x)" optional word, "a|b" alternatives
 *   "^whatever$"                 the phrase must be a whole sentence/clause on its own
 *   "!guaranteed"                skipped when negated ("not guaranteed", "ikke garanteret")
 *   "i_am"                       several words as one alternative ("i'm|i_am sure")
 *   "you should_have ~received"  the last slot, after "~", lists words that must NOT follow
 */
export interface PhraseMatch<T> {
  payload: T;
  /** The pattern as written, for the evidence rule. */
  pattern: string;
  firstToken: number;
  /** Exclusive. */
  endToken: number;
  start: number;
  end: number;
}

interface Entry<T> {
  words: string[];
  payload: T;
  pattern: string;
  alone: boolean;
  negatable: boolean;
  notFollowedBy: ReadonlySet<string> | undefined;
}

const MAX_VARIANTS = 256;

export const NEGATORS = new Set([
  'not',
  "n't",
  'no',
  'never',
  'cannot',
  "can't",
  'cant',
  "don't",
  'dont',
  "won't",
  'wont',
  "isn't",
  'isnt',
  "doesn't",
  'doesnt',
  "aren't",
  "wasn't",
  "couldn't",
  'ikke',
  'aldrig',
  'ingen',
  'intet',
  'ej',
]);

function expand(pattern: string): string[][] {
  let variants: string[][] = [[]];
  for (const slot of pattern.trim().split(/\s+/)) {
    const optional = slot.startsWith('(') && slot.endsWith(')');
    const body = optional ? slot.slice(1, -1) : slot;
    const alternatives = body.split('|').map((w) => tokenize(w).map((t) => t.norm));
    const next: string[][] = [];
    for (const v of variants) {
      if (optional) next.push(v);
      for (const alt of alternatives) if (alt.length > 0) next.push([...v, ...alt]);
    }
    variants = next.slice(0, MAX_VARIANTS);
  }
  return variants.filter((v) => v.length > 0);
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private size = 0;

  add(pattern: string, payload: T): this {
    let p = pattern.trim().toLowerCase();
    const negatable = p.startsWith('!');
    if (negatable) p = p.slice(1);
    const alone = p.startsWith('^') && p.endsWith('$');
    if (alone) p = p.slice(1, -1);
    let notFollowedBy: Set<string> | undefined;
    const tilde = p.indexOf(' ~');
    if (tilde >= 0) {
      notFollowedBy = new Set(
        p
          .slice(tilde + 2)
          .split('|')
          .map((w) => w.trim()),
      );
      p = p.slice(0, tilde);
    }
    for (const words of expand(p)) {
      const first = words[0] as string;
      let list = this.byFirst.get(first);
      if (!list) this.byFirst.set(first, (list = []));
      list.push({ words, payload, pattern: pattern.trim(), alone, negatable, notFollowedBy });
      // Longest first, so "as i already said" wins over "as i said" at the same position.
      list.sort((a, b) => b.words.length - a.words.length);
      this.size++;
    }
    return this;
  }

  addAll(patterns: readonly string[], payload: T): this {
    for (const p of patterns) this.add(p, payload);
    return this;
  }

  get phraseCount(): number {
    return this.size;
  }

  /**
   * All matches in text order: per payload, the longest at each position and none starting
   * inside an earlier match ("i am not sure" is one hedge, not also "not sure").
   */
  match(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const n = tokens.length;
    // Allocated on the first match only: most messages match nothing.
    let coveredUntil: Map<T, number> | undefined;
    for (let i = 0; i < n; i++) {
      const list = this.byFirst.get((tokens[i] as Token).norm);
      if (list === undefined) continue;
      for (const e of list) {
        // Also skips shorter entries of a payload already matched at this position (longest first).
        if (coveredUntil !== undefined && (coveredUntil.get(e.payload) ?? 0) > i) continue;
        if (!matchesAt(tokens, n, i, e)) continue;
        const len = e.words.length;
        (coveredUntil ??= new Map()).set(e.payload, i + len);
        const head = tokens[i] as Token;
        const tail = tokens[i + len - 1] as Token;
        out.push({
          payload: e.payload,
          pattern: e.pattern,
          firstToken: i,
          endToken: i + len,
          start: head.start,
          end: tail.end,
        });
      }
    }
    return out;
  }

  /**
   * Whether any phrase occurs in tokens [0, end): `match(tokens.slice(0, end)).length > 0`, but
   * it stops at the first hit and allocates nothing (required-phrase checks only ask yes or no).
   */
  matchesAny(tokens: readonly Token[], end = tokens.length): boolean {
    const n = Math.min(end, tokens.length);
    for (let i = 0; i < n; i++) {
      const list = this.byFirst.get((tokens[i] as Token).norm);
      if (list === undefined) continue;
      for (const e of list) if (matchesAt(tokens, n, i, e)) return true;
    }
    return false;
  }
}

/** Whether entry e, whose first word is tokens[i], matches within tokens [0, n). */
function matchesAt<T>(tokens: readonly Token[], n: number, i: number, e: Entry<T>): boolean {
  const len = e.words.length;
  if (i + len > n) return false;
  for (let k = 1; k < len; k++) {
    const t = tokens[i + k] as Token;
    if (t.norm !== e.words[k] || t.breakBefore) return false;
  }
  const after = i + len < n ? tokens[i + len] : undefined;
  if (e.alone && !isAlone(tokens[i] as Token, after)) return false;
  if (e.negatable && isNegated(tokens, i)) return false;
  if (
    e.notFollowedBy !== undefined &&
    after !== undefined &&
    !after.breakBefore &&
    e.notFollowedBy.has(after.norm)
  )
    return false;
  return true;
}

function isAlone(head: Token, after: Token | undefined): boolean {
  return head.breakBefore && (after === undefined || after.breakBefore);
}

/** A negator among the three words before, in the same clause. */
export function isNegated(tokens: readonly Token[], at: number): boolean {
  if ((tokens[at] as Token).breakBefore) return false;
  for (let k = at - 1, seen = 0; k >= 0 && seen < 3; k--, seen++) {
    const t = tokens[k] as Token;
    if (NEGATORS.has(t.norm)) return true;
    if (t.breakBefore) break;
  }
  return false;
}
