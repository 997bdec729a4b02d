import type { Token } from './tokenize.js';
import { tokenize } from './tokenize.js';

/**
 * Cue words that say what a sentence is about ("refund window", "levering"). A one-word cue of
 * five letters or more also matches inflections and, for Danish, compounds: "levering" matches
 * "standardlevering", "gebyr" matches "flyttegebyret".
 */
export interface Cue {
  words: string[];
  label: string;
}

export function compileCues(phrases: readonly string[], label = ''): Cue[] {
  return phrases
    .map((p) => ({ words: tokenize(p).map((t) => t.norm), label: label || p }))
    .filter((c) => c.words.length > 0);
}

export function wordHits(token: string, cue: string): boolean {
  // A token no longer than the cue can only hit by being the cue; most tokens are short, so this
  // skips the three substring searches for nearly every token-cue pair.
  if (token.length <= cue.length) return token === cue;
  if (cue.length < 5) return false;
  return (
    token.startsWith(cue) || token.endsWith(cue) || (token.length > cue.length + 2 && token.includes(cue))
  );
}

export interface CueHit {
  cue: Cue;
  /** Token index of the cue's first word. */
  at: number;
}

/** Cues found in tokens [from, to). */
export function findCues(tokens: readonly Token[], from: number, to: number, cues: readonly Cue[]): CueHit[] {
  const hits: CueHit[] = [];
  for (const cue of cues) {
    const first = cue.words[0] as string;
    for (let i = from; i < to; i++) {
      if (!wordHits((tokens[i] as Token).norm, first)) continue;
      let ok = true;
      for (let k = 1; k < cue.words.length; k++) {
        const t = tokens[i + k];
        if (t === undefined || i + k >= to || !wordHits(t.norm, cue.words[k] as string)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        hits.push({ cue, at: i });
        break;
      }
    }
  }
  return hits;
}
