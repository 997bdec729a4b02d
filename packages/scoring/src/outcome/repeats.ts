import type { Evidence } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import { TokenKind } from '../text/tokenize.js';
import { OUTCOME_POINTS } from './weights.js';

/** How far back a message is compared: an ask repeated after ten more messages is a new ask. */
const LOOK_BACK = 10;

function contentWords(m: PreparedMessage, stopwords: ReadonlySet<string> | undefined): Set<string> {
  const out = new Set<string>();
  for (const t of m.tokens) {
    if (t.kind !== TokenKind.Word || t.norm.length < 3) continue;
    if (stopwords?.has(t.norm)) continue;
    out.add(t.norm);
  }
  return out;
}

/**
 * Customer messages that ask again what an earlier one asked: their content words overlap the
 * earlier message's by OUTCOME_POINTS.repeatOverlap (Jaccard) or more. Language-neutral apart from
 * the stop words, so it also works where there are no lexicons. Evidence: the repeated message's
 * first sentence.
 */
export function repeatedAsks(
  messages: readonly PreparedMessage[],
  stopwords: ReadonlySet<string> | undefined,
): Evidence[] {
  const words = messages.map((m) => contentWords(m, stopwords));
  const out: Evidence[] = [];
  for (let k = 1; k < messages.length; k++) {
    const b = words[k] as Set<string>;
    if (b.size < OUTCOME_POINTS.repeatMinShared) continue;
    for (let j = Math.max(0, k - LOOK_BACK); j < k; j++) {
      const a = words[j] as Set<string>;
      let shared = 0;
      for (const w of b) if (a.has(w)) shared++;
      const union = a.size + b.size - shared;
      if (shared >= OUTCOME_POINTS.repeatMinShared && shared / union >= OUTCOME_POINTS.repeatOverlap) {
        const m = messages[k] as PreparedMessage;
        const s = m.sentences[0];
        out.push(
          evidenceOf(
            m,
            s ? s.start : 0,
            s ? s.end : m.text.length,
            `outcome.repeated_ask:asked-in-message-${(messages[j] as PreparedMessage).index}`,
          ),
        );
        break;
      }
    }
  }
  return out;
}
