/**
 * Lift by decile: rows sorted from riskiest to safest, cut into ten equal groups, each with its
 * bad rate against the overall rate and the share of all bads captured so far. The first
 * decile's lift is what a collections or decline rule would see.
 */
import { assertSameLength, countLabels, equalGroups, orderBy } from './order.ts';

export interface LiftGroup {
  group: number;
  n: number;
  bads: number;
  badRate: number;
  /** Bad rate over the overall bad rate. */
  lift: number;
  /** Share of all bads in this and the riskier groups. */
  cumulativeCapture: number;
  cumulativeLift: number;
  minScore: number;
  maxScore: number;
}

export function liftTable(labels: ArrayLike<number>, scores: ArrayLike<number>, groups = 10): LiftGroup[] {
  assertSameLength(labels, scores);
  const { positives } = countLabels(labels);
  const overall = positives / labels.length;
  let cumulativeBads = 0;
  let cumulativeRows = 0;
  return equalGroups(orderBy(scores, true), groups).map((rows, g) => {
    let bads = 0;
    let minScore = Infinity;
    let maxScore = -Infinity;
    for (const r of rows) {
      bads += labels[r];
      minScore = Math.min(minScore, scores[r]);
      maxScore = Math.max(maxScore, scores[r]);
    }
    cumulativeBads += bads;
    cumulativeRows += rows.length;
    const badRate = bads / rows.length;
    return {
      group: g + 1,
      n: rows.length,
      bads,
      badRate,
      lift: overall > 0 ? badRate / overall : 0,
      cumulativeCapture: positives > 0 ? cumulativeBads / positives : 0,
      cumulativeLift: overall > 0 ? cumulativeBads / cumulativeRows / overall : 0,
      minScore,
      maxScore,
    };
  });
}
