/**
 * Days-past-due buckets and the roll rates between them: of the lines in a bucket at one month's
 * end, the share in each bucket (or closed) a month later. Counts pool every month of a period,
 * so each from-bucket's shares add up to 1.
 *
 * @example
 *   dpdBucket(45, 'open'); // '30-59'
 *   rollRates([{ from: 'current', to: 'current' }, { from: 'current', to: '1-29' }])[0].to['1-29']; // 0.5
 */
import { DPD_BUCKETS, ROLL_TARGETS, type DpdBucket, type RollRow, type RollTarget } from '../schema/portfolio-report.ts';
import type { LineStatus } from './line-state.ts';

/** A line's bucket; defaulted and written-off lines sit in '90+' whatever their stated DPD. */
export function dpdBucket(dpd: number, status: LineStatus): DpdBucket {
  if (status === 'defaulted' || status === 'written_off' || dpd >= 90) return '90+';
  if (dpd >= 60) return '60-89';
  if (dpd >= 30) return '30-59';
  if (dpd >= 1) return '1-29';
  return 'current';
}

/** Where a line stands at a month's end for roll rates: closed lines leave the buckets. */
export function rollState(dpd: number, status: LineStatus): RollTarget {
  return status === 'closed' ? 'closed' : dpdBucket(dpd, status);
}

/** One row per bucket, with the shares of its line-months in each target a month later. */
export function rollRates(moves: Iterable<{ from: DpdBucket; to: RollTarget }>): RollRow[] {
  const counts = new Map<DpdBucket, Map<RollTarget, number>>(DPD_BUCKETS.map((b) => [b, new Map()]));
  for (const { from, to } of moves) {
    const row = counts.get(from)!;
    row.set(to, (row.get(to) ?? 0) + 1);
  }
  return DPD_BUCKETS.map((from) => {
    const row = counts.get(from)!;
    const n = [...row.values()].reduce((a, b) => a + b, 0);
    const to = Object.fromEntries(ROLL_TARGETS.map((t) => [t, n > 0 ? (row.get(t) ?? 0) / n : 0])) as Record<RollTarget, number>;
    return { from, n, to };
  });
}
