/**
 * Reason codes: why a row did not score higher. For each characteristic, the points lost are
 * the distance from the row's bin to that characteristic's best bin (among bins seen in
 * training); the largest losses, at most four, are the reasons. They are computed in one place,
 * the SQL of compile-sql/reasons-sql.ts, for every merchant at once; this is its yardstick.
 *
 * @example
 *   bestPoints(card); // [52.1, 40.3, ...] one per characteristic
 */
import type { Scorecard } from './types.ts';

/** Best attainable points of each characteristic, over bins that held training rows. */
export function bestPoints(card: Scorecard): number[] {
  return card.characteristics.map((c) => {
    const seen = c.points.filter((_, b) => c.binning.bins[b].good + c.binning.bins[b].bad > 0);
    return Math.max(...(seen.length > 0 ? seen : c.points));
  });
}
