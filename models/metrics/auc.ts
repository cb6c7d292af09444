/**
 * Area under the ROC curve by ranks (Mann–Whitney U): the chance that a random bad scores
 * above a random good, ties counting one half. Scores are "higher = riskier" (a PD). Gini (the
 * accuracy ratio) is 2·AUC − 1.
 *
 * @example
 *   auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
import { assertSameLength, countLabels, orderBy } from './order.ts';

export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  assertSameLength(labels, scores);
  const { positives, negatives } = countLabels(labels);
  if (positives === 0 || negatives === 0) throw new Error('AUC needs both classes among the labels');
  const order = orderBy(scores);
  // Sum of the positives' ranks, each tie group taking its average rank.
  let rankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let groupPositives = 0;
    while (j < order.length && scores[order[j]] === scores[order[i]]) groupPositives += labels[order[j++]];
    const averageRank = (i + 1 + j) / 2; // ranks i+1 .. j
    rankSum += groupPositives * averageRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Gini coefficient (accuracy ratio): 2·AUC − 1. */
export function gini(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return 2 * auc(labels, scores) - 1;
}
