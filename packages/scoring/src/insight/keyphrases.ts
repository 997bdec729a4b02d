import type { Keyphrase } from '@rapport/schemas';
import type { SupportedLanguage } from '../lexicons/index.js';
import type { PreparedMessage } from '../engine/prepared.js';
import { tokenize, TokenKind, type Token } from '../text/tokenize.js';
import { DA_COMPOUND_NUMBER, DA_STREET_SUFFIX, KEYPHRASE_STOPWORD_SETS } from './stopwords.js';

export const MAX_KEYPHRASES = 8;
const MIN_WORD_CHARS = 3;
const MAX_WORD_CHARS = 30;
/** A bigram names a topic more precisely than either word ("late delivery" vs "delivery"). */
const BIGRAM_WEIGHT = 2;
const MAX_SUBJECT_CHARS = 500;

/** English words ending in "s" that are not plurals. */
const EN_NOT_PLURAL = new Set(
  (
    'news lens series species always perhaps whereas towards afterwards christmas alias atlas canvas ' +
    'bias plus means sometimes besides diabetes mathematics physics electronics'
  ).split(' '),
);

/** English plural and possessive to singular ("deliveries" -> "delivery"): readable, unlike a stem. */
export function foldEnglish(word: string): string {
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */ || EN_NOT_PLURAL.has(w)) return w;
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('ies') && n > 4) return `${w.slice(0, -3)}y`;
  if (
    w.endsWith('sses') ||
    w.endsWith('shes') ||
    w.endsWith('ches') ||
    w.endsWith('xes') ||
    w.endsWith('zzes')
  )
    return w.slice(0, -2);
  return w.slice(0, -1);
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 97 && c <= 122) return false;
  if (c >= 65 && c <= 90) return true;
  if (c < 0xc0) return false;
  const ch = text[i] as string;
  return ch !== ch.toLowerCase();
}

/**
 * Likely a person's or place's name: capitalised mid-sentence ("I'm Jane", "Jane Smith"), or a
 * capitalised word that is its sentence's last ("Jane" on a sign-off line). Words with an inner
 * capital stay: acronyms ("VPN"), brand spellings ("MobilePay", "MitID") and shouting name
 * products and complaints, rarely people. Names are personal data that redaction does not catch,
 * and keyphrases outlive transcripts; a name typed in lower case still gets through.
 */
function looksLikeName(text: string, tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  if (!isUpperAt(text, t.start)) return false;
  for (let k = t.start + 1; k < t.end; k++) if (isUpperAt(text, k)) return false;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const initial = prev === undefined || prev.sentence !== t.sentence;
  if (!initial) return true;
  return next === undefined || next.sentence !== t.sentence || isUpperAt(text, next.start);
}

/** The keyphrase form of a word, or null when the word itself can never be part of one. */
function formOf(raw: string, lang: SupportedLanguage, stop: ReadonlySet<string>): string | null {
  if (raw.length < MIN_WORD_CHARS || raw.length > MAX_WORD_CHARS || stop.has(raw)) return null;
  // Order numbers, postcodes and codes identify a customer more than they name a topic.
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c >= 48 && c <= 57) return null;
  }
  // Contractions are function words; an English possessive keeps its noun.
  if (raw.includes("'") && (lang !== 'en' || !raw.endsWith("'s"))) return null;
  if (lang === 'da') return DA_COMPOUND_NUMBER.test(raw) || DA_STREET_SUFFIX.test(raw) ? null : raw;
  const word = foldEnglish(raw);
  return word !== raw && (word.length < MIN_WORD_CHARS || stop.has(word)) ? null : word;
}

/**
 * Word forms decided before, per language: customers reuse a small vocabulary, so most tokens are
 * one map lookup. Bounded so a flood of unique words cannot grow it without limit.
 */
const FORMS: Record<SupportedLanguage, Map<string, string | null>> = { en: new Map(), da: new Map() };
const MAX_CACHED_FORMS = 50_000;

function cachedFormOf(raw: string, lang: SupportedLanguage, stop: ReadonlySet<string>): string | null {
  const cache = FORMS[lang];
  let form = cache.get(raw);
  if (form === undefined) {
    form = formOf(raw, lang, stop);
    if (cache.size >= MAX_CACHED_FORMS) cache.clear();
    cache.set(raw, form);
  }
  return form;
}

/** The keyphrase form of token i, or undefined when it cannot be part of a keyphrase here. */
function contentWord(
  text: string,
  tokens: readonly Token[],
  i: number,
  lang: SupportedLanguage,
  stop: ReadonlySet<string>,
  names: boolean,
): string | undefined {
  const t = tokens[i] as Token;
  // Checked before any lookup: most tokens of a message are short function words.
  if (t.kind !== TokenKind.Word || t.end - t.start < MIN_WORD_CHARS) return undefined;
  const word = cachedFormOf(t.norm, lang, stop);
  if (word === null) return undefined;
  // Redaction placeholders ("[EMAIL]") are no topic.
  if (t.start > 0 && text.charCodeAt(t.start - 1) === 91 /* [ */) return undefined;
  if (names && looksLikeName(text, tokens, i)) return undefined;
  return word;
}

/** A subject in Title Case capitalises every word: capitals say nothing about names there. */
function isTitleCase(text: string, tokens: readonly Token[]): boolean {
  let words = 0;
  let capitalised = 0;
  for (const t of tokens) {
    if (t.kind !== TokenKind.Word || t.end - t.start < 4) continue;
    words++;
    if (isUpperAt(text, t.start)) capitalised++;
  }
  return words >= 2 && capitalised / words >= 0.6;
}

/** Two tokens form a phrase only when nothing but spaces parts them ("billing is wrong, billing"). */
function adjacent(text: string, a: Token, b: Token): boolean {
  if (b.breakBefore) return false;
  for (let k = a.end; k < b.start; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  return true;
}

interface Candidate {
  /** The word; empty for a bigram until chosen (its text is built only then). */
  text: string;
  count: number;
  /** count, times BIGRAM_WEIGHT for bigrams (set before ranking). */
  weight: number;
  /** Numbers the words of one interaction, to key bigrams without building their text. */
  id: number;
  /** A bigram's two words. */
  first: Candidate | undefined;
  second: Candidate | undefined;
  /** Ranking: the most a chosen bigram has used this word. */
  covered: number;
}

/** Candidates kept for reuse; a longer interaction allocates the rest afresh. */
const POOL_SIZE = 256;

/**
 * Scratch state of one extraction, reused across calls: this runs for every interaction on the
 * hot path, and per-call maps, closures and candidate objects showed up as garbage-collection
 * time. Extraction is synchronous, so calls never interleave.
 */
class Extraction {
  readonly words = new Map<string, Candidate>();
  readonly bigrams = new Map<number, Candidate>();
  readonly ranked: Candidate[] = [];
  private readonly pool: Candidate[] = [];
  private wordCount = 0;

  reset(): void {
    this.words.clear();
    this.bigrams.clear();
    this.ranked.length = 0;
    this.wordCount = 0;
  }

  private candidate(text: string, id: number, first?: Candidate, second?: Candidate): Candidate {
    const n = this.ranked.length;
    let c = n < POOL_SIZE ? this.pool[n] : undefined;
    if (c === undefined) {
      c = { text, count: 1, weight: 1, id, first, second, covered: 0 };
      if (n < POOL_SIZE) this.pool[n] = c;
    } else {
      c.text = text;
      c.count = 1;
      c.weight = 1;
      c.id = id;
      c.first = first;
      c.second = second;
      c.covered = 0;
    }
    this.ranked.push(c);
    return c;
  }

  word(text: string): Candidate {
    let c = this.words.get(text);
    if (c !== undefined) {
      c.count++;
      c.weight++;
      return c;
    }
    c = this.candidate(text, this.wordCount++);
    this.words.set(text, c);
    return c;
  }

  bigram(a: Candidate, b: Candidate): void {
    const key = a.id * 1_000_000 + b.id;
    const c = this.bigrams.get(key);
    if (c !== undefined) c.count++;
    else this.bigrams.set(key, this.candidate('', -1, a, b));
  }

  scan(
    text: string,
    tokens: readonly Token[],
    lang: SupportedLanguage,
    stop: ReadonlySet<string>,
    names: boolean,
  ): void {
    let prev: Candidate | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const form = contentWord(text, tokens, i, lang, stop, names);
      if (form === undefined) {
        prev = undefined;
        continue;
      }
      const c = this.word(form);
      if (prev !== undefined && prev !== c && adjacent(text, tokens[i - 1] as Token, tokens[i] as Token))
        this.bigram(prev, c);
      prev = c;
    }
  }

  /** Ranked by weight; Array sort is stable, so equal weights keep the order of first use. */
  best(): Keyphrase[] {
    const ranked = this.ranked;
    for (const c of ranked) if (c.first !== undefined) c.weight = c.count * BIGRAM_WEIGHT;
    ranked.sort(byWeight);
    const out: Keyphrase[] = [];
    for (const c of ranked) {
      const { first, second } = c;
      if (first === undefined || second === undefined) {
        if (c.count > c.covered) out.push({ text: c.text, count: c.count });
      } else {
        out.push({ text: `${first.text} ${second.text}`, count: c.count });
        first.covered = Math.max(first.covered, c.count);
        second.covered = Math.max(second.covered, c.count);
      }
      if (out.length === MAX_KEYPHRASES) break;
    }
    return out;
  }
}

const byWeight = (a: Candidate, b: Candidate) => b.weight - a.weight;

const scratch = new Extraction();

/**
 * Keyphrase candidates of the customer's side of an interaction: content words and pairs of
 * adjacent content words (within one phrase), from the redacted text of the customer's messages
 * and the first e-mail subject. Ranked by count (bigrams weighted double), then first use; a
 * word is left out when every use of it is inside an already chosen bigram. One pass over
 * tokens the engine already has; only e-mail subjects are tokenized here.
 */
export function extractKeyphrases(
  customer: readonly PreparedMessage[],
  lang: SupportedLanguage | undefined,
): Keyphrase[] {
  if (lang === undefined || customer.length === 0) return [];
  const stop = KEYPHRASE_STOPWORD_SETS[lang];
  const x = scratch;
  try {
    let subjectSeen = false;
    for (const m of customer) {
      if (!subjectSeen && m.subject !== undefined && m.subject.trim() !== '') {
        subjectSeen = true;
        const tokens = tokenize(m.subject, MAX_SUBJECT_CHARS);
        x.scan(m.subject, tokens, lang, stop, !isTitleCase(m.subject, tokens));
      }
      x.scan(m.text, m.tokens, lang, stop, true);
    }
    return x.ranked.length === 0 ? [] : x.best();
  } finally {
    x.reset();
  }
}
