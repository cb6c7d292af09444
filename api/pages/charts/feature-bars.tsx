/** @jsxImportSource hono/jsx */
/**
 * A merchant's features against its segment's: one row per feature, the merchant's bar above
 * the segment median's, each row on its own scale (features differ in unit), with both values
 * written out.
 *
 * @example
 *   <FeatureBars rows={[{ feature: 'turnover_90d_fen', merchant: 4.1e7, segment: 3.2e7, format: shortRmb }]} />
 */
import { Chart } from './frame.tsx';

export interface FeatureBar {
  feature: string;
  /** What the feature is, in the words of its declaration (engine/warehouse/features.ts): shown on hover and read by screen readers. */
  definition?: string;
  merchant: number | null;
  segment: number | null;
  format: (value: number) => string;
}

const WIDTH = 720;
const LABEL = 230;
const VALUE = 110;
const ROW = 34;

export function FeatureBars({ rows, segmentName }: { rows: FeatureBar[]; segmentName: string }) {
  const height = ROW * rows.length + 28;
  const barMax = WIDTH - LABEL - VALUE - 8;
  const show = (v: number | null, format: (value: number) => string) => (v === null ? '—' : format(v));
  return (
    <Chart kind="features" title={`Features against the ${segmentName} segment`} description={`${rows.length} features; the upper bar of each pair is the merchant, the lower the segment's median.`} width={WIDTH} height={height}>
      <g class="legend">
        <rect class="bar merchant" x={LABEL} y={4} width={12} height={10} /><text x={LABEL + 16} y={13}>this merchant</text>
        <rect class="bar segment" x={LABEL + 130} y={4} width={12} height={10} /><text x={LABEL + 146} y={13}>{`${segmentName} median`}</text>
      </g>
      {rows.map((r, i) => {
        const top = 24 + i * ROW;
        const scale = Math.max(Math.abs(r.merchant ?? 0), Math.abs(r.segment ?? 0)) || 1;
        const w = (v: number | null) => (v === null ? 0 : (Math.abs(v) / scale) * barMax);
        return (
          <g class="feature-row" data-feature={r.feature}>
            {r.definition ? <title>{`${r.feature}: ${r.definition}`}</title> : null}
            <text x={LABEL - 8} y={top + 17} text-anchor="end">{r.feature}</text>
            <rect class="bar merchant" x={LABEL} y={top + 2} width={w(r.merchant)} height={12} />
            <rect class="bar segment" x={LABEL} y={top + 16} width={w(r.segment)} height={12} />
            <text class="value" x={WIDTH - 4} y={top + 12} text-anchor="end">{show(r.merchant, r.format)}</text>
            <text class="value muted" x={WIDTH - 4} y={top + 27} text-anchor="end">{show(r.segment, r.format)}</text>
          </g>
        );
      })}
    </Chart>
  );
}
