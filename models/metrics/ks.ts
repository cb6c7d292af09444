/**
 * Kolmogorov–Smirnov statistic: the largest gap between the cumulative score distributions of
 * bads and goods. Tied scores move together (a threshold cannot split a tie), so the statistic
 * does not depend on row order.
 *
 * @example
 *   ks([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4]); // 1
 */
import { assertSameLength, countLabels, orderBy } from './order.ts';

export interface KsResult {
  ks: number;
  /** The score at which the gap is largest (rows with score <= threshold on one side). */
  threshold: number;
}

export function ksDetail(labels: ArrayLike<number>, scores: ArrayLike<number>): KsResult {
  assertSameLength(labels, scores);
  const { positives, negatives } = countLabels(labels);
  if (positives === 0 || negatives === 0) throw new Error('KS needs both classes among the labels');
  const order = orderBy(scores);
  let bads = 0;
  let goods = 0;
  let best: KsResult = { ks: 0, threshold: scores[order[0]] };
  let i = 0;
  while (i < order.length) {
    const value = scores[order[i]];
    while (i < order.length && scores[order[i]] === value) {
      if (labels[order[i]] === 1) bads++;
      else goods++;
      i++;
    }
    const gap = Math.abs(goods / negatives - bads / positives);
    if (gap > best.ks) best = { ks: gap, threshold: value };
  }
  return best;
}

export function ks(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return ksDetail(labels, scores).ks;
}
