/**
 * A merchant's features beside its segment's medians as of a date (segment-features.sql): the
 * comparison the officer's offer page draws. No features row for that date gives no rows.
 *
 * @example
 *   const rows = await segmentComparison(db, 'M00000042', '2024-06-01');
 *   rows[0]; // { feature: 'turnover_90d_fen', merchant_value: 1234500, segment_median: 987600, n_peers: 412 }
 */
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';

export type SegmentComparison = {
  feature: string;
  merchant_value: number | null;
  segment_median: number | null;
  /** Merchants of the segment with features at the date (the merchant included). */
  n_peers: number;
};

export async function segmentComparison(db: Database, merchantId: string, asOfDate: string): Promise<SegmentComparison[]> {
  const rows = await db.all<SegmentComparison>(readSql(import.meta.url, 'segment-features.sql'), { merchant_id: merchantId, as_of_date: asOfDate });
  return rows.map((r) => ({ ...r, n_peers: Number(r.n_peers) }));
}
