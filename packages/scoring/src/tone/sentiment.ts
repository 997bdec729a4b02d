import type { AfinnLexicon } from '../lexicons/afinn.js';
import type { Token } from '../text/tokenize.js';

export interface SentimentWord {
  token: number;
  /** Exclusive token end (two for a two-word AFINN entry). */
  endToken: number;
  value: number;
}

export interface SentimentResult {
  score: number;
  words: SentimentWord[];
  tokenCount: number;
}

/**
 * AFINN scoring as the `sentiment` package does it (sum of word valences, a negator right before a
 * word flips it), on our tokens so every word keeps its offsets for evidence. Two-word entries
 * ("fungerer ikke") are looked up first. `skip` excludes tokens (already-flagged phrases,
 * help-desk vocabulary, redaction placeholders).
 */
const firstWords = new WeakMap<AfinnLexicon, ReadonlySet<string>>();
function phraseStarts(afinn: AfinnLexicon): ReadonlySet<string> {
  let s = firstWords.get(afinn);
  if (!s)
    firstWords.set(afinn, (s = new Set([...afinn.phrases.keys()].map((k) => k.split(' ')[0] as string))));
  return s;
}

export function afinnScore(
  tokens: readonly Token[],
  afinn: AfinnLexicon,
  skip?: (i: number, t: Token) => boolean,
): SentimentResult {
  let score = 0;
  const words: SentimentWord[] = [];
  const n = tokens.length;
  const starts = phraseStarts(afinn);
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    let value: number | undefined;
    let end = i + 1;
    // Build a two-word key only when the word starts a multi-word entry (no string per token).
    if (i + 1 < n && starts.has(t.norm)) {
      const next = tokens[i + 1] as Token;
      if (!next.breakBefore) {
        const v = afinn.phrases.get(`${t.norm} ${next.norm}`);
        if (v !== undefined) {
          value = v;
          end = i + 2;
        }
      }
    }
    if (value === undefined) value = afinn.words.get(t.norm);
    if (value === undefined) continue;
    if (skip?.(i, t)) continue;
    const prev = i > 0 && !t.breakBefore ? tokens[i - 1] : undefined;
    if (prev !== undefined && afinn.negators.has(prev.norm)) value = -value;
    score += value;
    words.push({ token: i, endToken: end, value });
    i = end - 1;
  }
  return { score, words, tokenCount: n };
}
