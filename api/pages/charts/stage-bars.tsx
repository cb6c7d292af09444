/** @jsxImportSource hono/jsx */
/**
 * Exposure by IFRS 9 stage: one bar per segment (and the whole book), its EAD stacked by stage
 * 1, 2 and 3, with the ECL each stage carries in its tooltip.
 *
 * @example
 *   <StageBars rows={[{ name: 'all', ...report.total }, ...report.by_segment.map((s) => ({ name: s.segment, ...s }))]} />
 */
import type { ExposureCell } from '../../../engine/schema/portfolio-report.ts';
import { Chart } from './frame.tsx';
import { shortRmb } from './scale.ts';

const WIDTH = 720;
const LABEL = 150;
const ROW = 24;

export function StageBars({ rows }: { rows: (ExposureCell & { name: string })[] }) {
  const height = ROW * rows.length + 40;
  const max = Math.max(1, ...rows.map((r) => r.ead_fen));
  const width = (fen: number) => (fen / max) * (WIDTH - LABEL - 90);
  const total = rows.find((r) => r.name === 'all');
  const description = total
    ? `EAD ${shortRmb(total.ead_fen)}: stage 1 ${shortRmb(total.stages[0].ead_fen)}, stage 2 ${shortRmb(total.stages[1].ead_fen)}, stage 3 ${shortRmb(total.stages[2].ead_fen)}.`
    : `${rows.length} segments.`;
  return (
    <Chart kind="stages" title="Exposure at default by IFRS 9 stage" description={description} width={WIDTH} height={height}>
      {[1, 2, 3].map((stage, i) => (
        <g class="legend">
          <rect class={`bar stage-${stage}`} x={LABEL + i * 110} y={4} width={12} height={12} />
          <text x={LABEL + i * 110 + 18} y={14}>{`stage ${stage}`}</text>
        </g>
      ))}
      {rows.map((r, i) => {
        let left = LABEL;
        return (
          <g class="stage-row" data-name={r.name}>
            <text x={LABEL - 8} y={40 + i * ROW} text-anchor="end">{r.name.replaceAll('_', ' ')}</text>
            {r.stages.map((s) => {
              const x = left;
              left += width(s.ead_fen);
              return (
                <rect class={`bar stage-${s.stage}`} data-stage={s.stage} data-ead={s.ead_fen} x={x} y={28 + i * ROW} width={width(s.ead_fen)} height={16}>
                  <title>{`${r.name}, stage ${s.stage}: ${s.n_lines} lines, EAD ${shortRmb(s.ead_fen)}, ECL ${shortRmb(s.ecl_fen)}`}</title>
                </rect>
              );
            })}
            <text class="value" x={left + 6} y={40 + i * ROW}>{shortRmb(r.ead_fen)}</text>
          </g>
        );
      })}
    </Chart>
  );
}
