import type { Evidence } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import type { AfinnLexicon } from '../lexicons/afinn.js';
import type { Token } from '../text/tokenize.js';
import { afinnScore } from '../tone/sentiment.js';
import { OUTCOME_POINTS } from './weights.js';

export interface Trajectory {
  /** End-weighted mean of the customer messages' sentiment, -1..1. */
  value: number;
  /** Sentiment of the last customer message alone, -1..1. */
  last: number;
  /** The sentiment words of the customer's last two messages that carry weight. */
  evidence: Evidence[];
}

/**
 * The customer's mood across their messages, the last ones weighing most (how a conversation ends
 * is what a customer remembers). `skip` (by position in `messages`) leaves out words judged elsewhere: courtesy, abuse, and
 * the outcome phrases themselves.
 */
export function sentimentTrajectory(
  messages: readonly PreparedMessage[],
  afinn: AfinnLexicon,
  skip: (message: number, i: number, t: Token) => boolean,
): Trajectory {
  const n = messages.length;
  let weighted = 0;
  let weights = 0;
  let last = 0;
  const evidence: Evidence[] = [];
  messages.forEach((m, k) => {
    const r = afinnScore(m.tokens, afinn, (i, t) => skip(k, i, t));
    const s = Math.max(-1, Math.min(1, r.score / OUTCOME_POINTS.sentimentSaturation));
    const w = 2 ** (-(n - 1 - k) / OUTCOME_POINTS.trajectoryHalfLife);
    weighted += w * s;
    weights += w;
    if (k === n - 1) last = s;
    if (k >= n - OUTCOME_POINTS.endingMessages)
      for (const word of r.words) {
        const a = m.tokens[word.token] as Token;
        const b = m.tokens[word.endToken - 1] as Token;
        evidence.push(evidenceOf(m, a.start, b.end, `outcome.sentiment:afinn(${word.value})`));
      }
  });
  return { value: weights > 0 ? weighted / weights : 0, last, evidence };
}
