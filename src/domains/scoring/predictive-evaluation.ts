/** How good a probability score is on rows it was not trained on: ranking (AUC) and calibration. */

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney U) formula: the probability that a
 * random positive scores above a random negative, ties counting one half (average ranks).
 * O(n log n), unlike the pairwise definition. Null when either class is absent.
 */
export function auc(scores: number[], labels: number[]): number | null {
  if (scores.length !== labels.length) throw new RangeError('scores and labels differ in length');
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    // Ranks i+1 … j share one score: each gets their average.
    const rank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) {
      if (labels[order[t][1]] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface CalibrationBucket {
  bucket: string;
  /** Mean predicted probability in the bucket; null when it is empty. */
  predicted_mean: number | null;
  /** Share of the bucket that actually converted; null when it is empty. */
  observed_rate: number | null;
  n: number;
}

/**
 * Rows grouped by predicted probability into equal-width buckets (0–10 %, …, 90–100 %): a
 * calibrated model's observed rate matches its predicted mean in each. Empty buckets stay in the
 * table so it always has the same rows.
 */
export function calibrationTable(probabilities: number[], labels: number[], buckets = 10): CalibrationBucket[] {
  const width = 100 / buckets;
  const sums = Array.from({ length: buckets }, () => ({ p: 0, y: 0, n: 0 }));
  probabilities.forEach((p, i) => {
    const b = sums[Math.min(buckets - 1, Math.floor(p * buckets))];
    b.p += p;
    b.y += labels[i];
    b.n++;
  });
  return sums.map((s, i) => ({
    bucket: `${+(i * width).toFixed(1)}–${+((i + 1) * width).toFixed(1)}%`,
    predicted_mean: s.n ? s.p / s.n : null,
    observed_rate: s.n ? s.y / s.n : null,
    n: s.n,
  }));
}

/** Mean squared error of the probabilities (lower is better; predicting the base rate scores p(1−p)). */
export function brierScore(probabilities: number[], labels: number[]): number {
  return probabilities.reduce((s, p, i) => s + (p - labels[i]) ** 2, 0) / Math.max(1, probabilities.length);
}
