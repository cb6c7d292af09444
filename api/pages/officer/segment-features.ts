/**
 * A merchant's features beside its segment's medians as of the offer's date, for the officer's
 * offer page. No features row for that date (an offer sized from elsewhere) gives an empty list.
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../../../engine/db/index.ts';
import { shortRmb } from '../charts/scale.ts';
import { percent } from '../format.tsx';
import type { FeatureBar } from '../charts/feature-bars.tsx';

const SQL = readFileSync(new URL('./segment-features.sql', import.meta.url), 'utf8');

type ComparedRow = {
  feature: string;
  merchant_value: number | null;
  segment_median: number | null;
  n_peers: number;
};

export async function segmentFeatures(db: Database, merchantId: string, asOfDate: string): Promise<{ bars: FeatureBar[]; peers: number }> {
  const rows = await db.all<ComparedRow>(SQL, { merchant_id: merchantId, as_of_date: asOfDate });
  const bars = rows.map((r) => ({ feature: r.feature, merchant: r.merchant_value, segment: r.segment_median, format: formatFor(r.feature) }));
  return { bars, peers: rows.length > 0 ? Number(rows[0].n_peers) : 0 };
}

/** Units follow the catalog's naming: `_fen` money, shares and ratios as percents, days and counts plain. */
function formatFor(feature: string): (value: number) => string {
  if (feature.endsWith('_fen')) return shortRmb;
  if (/(share|ratio|growth|trend)/.test(feature)) return (v) => percent(v, 1);
  if (feature.startsWith('cv_')) return (v) => v.toFixed(2);
  if (feature.endsWith('_days') || feature.startsWith('longest_gap')) return (v) => `${Math.round(v)} d`;
  return (v) => v.toFixed(1);
}
