/** @jsxImportSource hono/jsx */
/**
 * Drift at a glance: one bar per stability index (the PD's PSI, then each feature's CSI,
 * largest first), with the 0.1 and 0.25 bands marked — below 0.1 stable, up to 0.25 worth
 * watching, above that the population has shifted.
 *
 * @example
 *   <StabilityBars rows={[{ name: 'PD (PSI)', index: 0.04 }, { name: 'turnover_90d_fen', index: 0.12 }]} />
 */
import { stabilityVerdict } from '../../../models/index.ts';
import { Chart } from './frame.tsx';

const WIDTH = 720;
const LABEL = 230;
const ROW = 20;

export function StabilityBars({ rows, title, kind = 'drift' }: { rows: { name: string; index: number }[]; title: string; kind?: string }) {
  const height = ROW * rows.length + 34;
  const max = Math.max(0.3, ...rows.map((r) => r.index));
  const x = (v: number) => LABEL + (Math.min(v, max) / max) * (WIDTH - LABEL - 70);
  const shifted = rows.filter((r) => stabilityVerdict(r.index) === 'shift').length;
  return (
    <Chart kind={kind} title={title} description={`${rows.length} indices; ${shifted} above 0.25 (shifted).`} width={WIDTH} height={height}>
      {[0.1, 0.25].map((band) => (
        <g class="band">
          <line class="chance" x1={x(band)} x2={x(band)} y1={14} y2={height - 4} />
          <text x={x(band)} y={10} text-anchor="middle">{String(band)}</text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g class={`stability-row ${stabilityVerdict(r.index)}`} data-name={r.name}>
          <text x={LABEL - 8} y={30 + i * ROW} text-anchor="end">{r.name}</text>
          <rect class={`bar ${i === 0 ? 'merchant' : 'segment'}`} x={LABEL} y={20 + i * ROW} width={Math.max(1, x(r.index) - LABEL)} height={13} />
          <text class="value" x={x(r.index) + 6} y={30 + i * ROW}>{r.index.toFixed(3)}</text>
        </g>
      ))}
    </Chart>
  );
}
