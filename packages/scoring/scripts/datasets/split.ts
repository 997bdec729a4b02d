/**
 * The one deterministic split every classifier script uses: a stable hash of the row id (which
 * names its dataset, e.g. "olid:86426") puts 80% of rows in train, 10% in calibrate (L2 strength,
 * Platt scaling and thresholds) and 10% in test (touched only by the final evaluation). The hash
 * depends on nothing but the id, so a row keeps its split when a dataset grows or is re-read.
 */
import { hashString } from '../../src/classify/hash.js';

export type Split = 'train' | 'calibrate' | 'test';

/** Namespace of the split hash, so it shares nothing with feature hashing. */
const SPLIT_SEED = 0x5eed5;

export function splitOf(id: string): Split {
  const bucket = hashString(id, SPLIT_SEED) % 100;
  if (bucket < 80) return 'train';
  if (bucket < 90) return 'calibrate';
  return 'test';
}
