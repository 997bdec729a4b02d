import type { Token } from './tokenize.js';

/** A sentence as a token range, with the text span a reviewer would quote. */
export interface Sentence {
  index: number;
  firstToken: number;
  /** Exclusive. */
  endToken: number;
  start: number;
  /** Exclusive; includes the terminating punctuation. */
  end: number;
  question: boolean;
}

/** Groups tokens by their sentence number (tokens are in order, numbers ascending). */
export function sentencesOf(text: string, tokens: readonly Token[]): Sentence[] {
  const out: Sentence[] = [];
  let first = 0;
  for (let t = 1; t <= tokens.length; t++) {
    const cur = tokens[t];
    const prev = tokens[t - 1] as Token;
    if (cur !== undefined && cur.sentence === prev.sentence) continue;
    const head = tokens[first] as Token;
    // Take the terminating punctuation ("?!", "...") with the sentence, stopping at a new line.
    let end = prev.end;
    let question = false;
    const limit = Math.min(text.length, cur ? cur.start : text.length, end + 8);
    for (let i = end; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === 63) question = true;
      if (c === 10) break;
      if (c === 63 || c === 33 || c === 46 || c === 0x2026) end = i + 1;
    }
    out.push({ index: out.length, firstToken: first, endToken: t, start: head.start, end, question });
    first = t;
  }
  return out;
}
