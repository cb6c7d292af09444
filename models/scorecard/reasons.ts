/**
 * Reason codes: why a row did not score higher. For each characteristic, the points lost are
 * the distance from the row's bin to that characteristic's best bin (among bins seen in
 * training); the largest losses, at most four (adverse-action practice), are the reasons.
 *
 * @example
 *   reasonCodes(card, bins); // [{ feature: 'duration_in_month', bin: '(36, +inf)', pointsLost: 41.3 }, ...]
 */
import type { Scorecard } from './types.ts';

export interface ReasonCode {
  feature: string;
  bin: string;
  points: number;
  pointsLost: number;
}

/** Best attainable points of each characteristic, over bins that held training rows. */
export function bestPoints(card: Scorecard): number[] {
  return card.characteristics.map((c) => {
    const seen = c.points.filter((_, b) => c.binning.bins[b].good + c.binning.bins[b].bad > 0);
    return Math.max(...(seen.length > 0 ? seen : c.points));
  });
}

/** Up to `max` reasons for a row given its bin index per characteristic. */
export function reasonCodes(card: Scorecard, bins: number[], max = 4, best = bestPoints(card)): ReasonCode[] {
  const reasons: ReasonCode[] = card.characteristics.map((c, j) => ({
    feature: c.feature,
    bin: c.binning.bins[bins[j]].label,
    points: c.points[bins[j]],
    pointsLost: best[j] - c.points[bins[j]],
  }));
  return reasons
    .filter((r) => r.pointsLost > 1e-9)
    .sort((a, b) => b.pointsLost - a.pointsLost || a.feature.localeCompare(b.feature))
    .slice(0, max);
}
