/**
 * Sorting helpers shared by the metrics: row indices ordered by score, and equal-count groups
 * (deciles) over that order. Grouping by rank, not by score value, keeps every decile the same
 * size even when scores tie, which is what Hosmer–Lemeshow and lift tables assume.
 */

/** Row indices sorted by `scores` ascending (ties keep row order, so results are stable). */
export function orderBy(scores: ArrayLike<number>, descending = false): Uint32Array {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) throw new Error(`score at row ${i} is NaN`);
    order[i] = i;
  }
  const sign = descending ? -1 : 1;
  order.sort((a, b) => sign * (scores[a] - scores[b]) || a - b);
  return order;
}

/** Splits `order` into `groups` consecutive runs whose sizes differ by at most one. */
export function equalGroups(order: Uint32Array, groups: number): Uint32Array[] {
  const n = order.length;
  const k = Math.max(1, Math.min(groups, n));
  const out: Uint32Array[] = [];
  for (let g = 0; g < k; g++) {
    out.push(order.subarray(Math.floor((g * n) / k), Math.floor(((g + 1) * n) / k)));
  }
  return out;
}

/** Counts of positives (label 1) and the total, with a check that labels are 0/1. */
export function countLabels(labels: ArrayLike<number>): { positives: number; negatives: number } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new Error(`label at row ${i} is ${y}; expected 0 or 1`);
    positives += y;
  }
  return { positives, negatives: labels.length - positives };
}

export function assertSameLength(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new Error(`labels (${labels.length}) and scores (${scores.length}) differ in length`);
  }
  if (labels.length === 0) throw new Error('no rows to evaluate');
}
