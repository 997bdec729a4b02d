import { round2 } from '../engine/context.js';
import { OUTCOME_WEIGHT_IN_OVERALL } from './weights.js';

/**
 * The overall score: the customer outcome (weight OUTCOME_WEIGHT_IN_OVERALL) blended with the mean
 * of the agent dimensions that could be judged (null ones are left out, not counted as 0 or 100).
 * Either part alone when the other is missing; null when both are.
 */
export function overallScore(dimensions: readonly (number | null)[], outcome: number | null): number | null {
  const judged = dimensions.filter((s): s is number => s !== null);
  const agent = judged.length > 0 ? judged.reduce((a, b) => a + b, 0) / judged.length : null;
  if (agent === null) return outcome === null ? null : round2(outcome);
  if (outcome === null) return round2(agent);
  return round2(OUTCOME_WEIGHT_IN_OVERALL * outcome + (1 - OUTCOME_WEIGHT_IN_OVERALL) * agent);
}
