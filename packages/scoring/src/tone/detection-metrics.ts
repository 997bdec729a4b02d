/**
 * Figures for judging a tone detector through the engine: recall, false alarms and precision at
 * its operating point (the policy's threshold), with ranking quality (ROC AUC, recall at a fixed
 * false-alarm budget). Reported together because any one of them alone hides the cost of the others.
 */
import { confusionAt, rocAuc, thresholdAtFpr } from '../classify/metrics.js';

export interface ScoredExample {
  /** Higher means "more likely positive". */
  score: number;
  positive: boolean;
  /** Whether the detector fired at its operating point (the engine raised the flag). */
  fired: boolean;
}

export interface DetectionReport {
  n: number;
  positives: number;
  negatives: number;
  /** At the operating point. */
  recall: number | null;
  falseAlarmRate: number | null;
  precision: number | null;
  rocAuc: number | null;
  /** Recall when the threshold is set so at most this share of negatives fire, keyed "1%", "3%", "5%". */
  recallAtFalseAlarm: Record<string, number | null>;
}

export const FALSE_ALARM_BUDGETS = [0.01, 0.03, 0.05] as const;

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Best recall with at most `budget` of the negatives scoring at or above the threshold. */
export function recallAtFalseAlarm(examples: readonly ScoredExample[], budget: number): number | null {
  const scores = examples.map((e) => e.score);
  const labels = examples.map((e) => (e.positive ? 1 : 0));
  return orNull(confusionAt(scores, labels, thresholdAtFpr(scores, labels, budget)).recall);
}

export function detectionReport(examples: readonly ScoredExample[]): DetectionReport {
  const scores = examples.map((e) => e.score);
  const labels = examples.map((e) => (e.positive ? 1 : 0));
  const atOperatingPoint = confusionAt(
    examples.map((e) => (e.fired ? 1 : 0)),
    labels,
    1,
  );
  const recallAt: Record<string, number | null> = {};
  for (const b of FALSE_ALARM_BUDGETS) recallAt[`${b * 100}%`] = recallAtFalseAlarm(examples, b);
  return {
    n: examples.length,
    positives: atOperatingPoint.positives,
    negatives: atOperatingPoint.negatives,
    recall: orNull(atOperatingPoint.recall),
    falseAlarmRate: orNull(atOperatingPoint.falseAlarmRate),
    precision: orNull(atOperatingPoint.precision),
    rocAuc: orNull(rocAuc(scores, labels)),
    recallAtFalseAlarm: recallAt,
  };
}
