/**
 * Evidence: which words pushed a model's decision up. Each feature's contribution (weight x value)
 * is credited to the word it came from (a word pair splits it), words at least a quarter as strong
 * as the strongest are kept, neighbours are merged into one span, and the strongest few are
 * returned in UTF-16 offsets of the original text.
 */
import type { TokenBuffer } from './tokens.js';

export interface ClassifierSpan {
  start: number;
  end: number;
  /** Summed contribution to the model's margin (log-odds) of the words in the span. */
  weight: number;
}

export const MAX_SPANS = 5;
const KEEP_FRACTION = 0.25;

/**
 * `contrib[t * stride + model]` is token t's contribution to `model`. Allocates only the result.
 */
export function topSpans(
  tokens: TokenBuffer,
  contrib: Float64Array,
  stride: number,
  model: number,
): ClassifierSpan[] {
  let max = 0;
  for (let t = 0; t < tokens.count; t++) max = Math.max(max, contrib[t * stride + model] as number);
  if (!(max > 0)) return [];
  const floor = max * KEEP_FRACTION;
  const spans: ClassifierSpan[] = [];
  let open: ClassifierSpan | undefined;
  for (let t = 0; t < tokens.count; t++) {
    const c = contrib[t * stride + model] as number;
    if (c >= floor) {
      if (open) {
        open.end = tokens.end[t] as number;
        open.weight += c;
      } else {
        open = { start: tokens.start[t] as number, end: tokens.end[t] as number, weight: c };
        spans.push(open);
      }
    } else open = undefined;
  }
  spans.sort((a, b) => b.weight - a.weight || a.start - b.start);
  if (spans.length > MAX_SPANS) spans.length = MAX_SPANS;
  for (const s of spans) s.weight = Math.round(s.weight * 1000) / 1000;
  return spans;
}
