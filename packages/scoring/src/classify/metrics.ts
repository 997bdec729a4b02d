/** Ranking and operating-point figures for a detector: ROC AUC, recall at a false-alarm budget. */

/** ROC AUC by the rank-sum statistic; ties count half. NaN when a class is missing. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (scores[i] as number) - (scores[j] as number),
  );
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * The lowest threshold whose false-alarm rate on these rows stays within `maxFpr` (flag when
 * score >= threshold). Returns +Infinity when even the top score would exceed the budget.
 */
export function thresholdAtFpr(scores: ArrayLike<number>, labels: ArrayLike<number>, maxFpr: number): number {
  const negatives: number[] = [];
  for (let i = 0; i < scores.length; i++) if (labels[i] !== 1) negatives.push(scores[i] as number);
  negatives.sort((a, b) => b - a);
  const allowed = Math.floor(maxFpr * negatives.length + 1e-9);
  // Flagging at t flags every negative >= t; step just above the (allowed+1)-th highest negative.
  const blocker = negatives[allowed];
  if (blocker === undefined) return -Infinity;
  let t = blocker;
  // Smallest representable number above the blocker, so ties with it are not flagged.
  t = t + Math.max(Math.abs(t) * 1e-12, 1e-12);
  return t;
}

export interface Confusion {
  recall: number;
  falseAlarmRate: number;
  precision: number;
  flagged: number;
  positives: number;
  negatives: number;
}

export function confusionAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): Confusion {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  for (let i = 0; i < scores.length; i++) {
    const y = labels[i] === 1;
    if (y) pos++;
    if ((scores[i] as number) >= threshold) {
      if (y) tp++;
      else fp++;
    }
  }
  const neg = scores.length - pos;
  return {
    recall: pos > 0 ? tp / pos : NaN,
    falseAlarmRate: neg > 0 ? fp / neg : NaN,
    precision: tp + fp > 0 ? tp / (tp + fp) : NaN,
    flagged: tp + fp,
    positives: pos,
    negatives: neg,
  };
}
