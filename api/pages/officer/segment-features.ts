/**
 * A merchant's features beside its segment's medians as of the offer's date, as the officer's
 * offer page draws them (read by pipelines/features/segment-features.ts). No features row for
 * that date (an offer sized from elsewhere) gives an empty list.
 */
import type { Database } from '../../../engine/db/index.ts';
import { featureNamed } from '../../../engine/warehouse/index.ts';
import { segmentComparison } from '../../../pipelines/features/segment-features.ts';
import { shortRmb } from '../charts/scale.ts';
import { percent } from '../format.tsx';
import type { FeatureBar } from '../charts/feature-bars.tsx';

export async function segmentFeatures(db: Database, merchantId: string, asOfDate: string): Promise<{ bars: FeatureBar[]; peers: number }> {
  const rows = await segmentComparison(db, merchantId, asOfDate);
  const bars = rows.map((r) => ({ feature: r.feature, definition: describe(r.feature), merchant: r.merchant_value, segment: r.segment_median, format: formatFor(r.feature) }));
  return { bars, peers: rows.length > 0 ? rows[0].n_peers : 0 };
}

/** The feature's definition, window and unit as the contract declares them. */
function describe(feature: string): string | undefined {
  const spec = featureNamed(feature);
  return spec ? `${spec.definition} (${spec.window}; ${spec.unit})` : undefined;
}

/** Each feature in its unit as the contract declares it (engine/warehouse/features.ts). */
function formatFor(feature: string): (value: number) => string {
  const unit = featureNamed(feature)?.unit;
  if (unit === 'fen') return shortRmb;
  if (unit === 'share' || unit === 'share per 30 days' || unit === 'ratio') return (v) => percent(v, 1);
  if (unit === 'coefficient of variation') return (v) => v.toFixed(2);
  if (unit === 'days') return (v) => `${Math.round(v)} d`;
  return (v) => v.toFixed(1);
}
