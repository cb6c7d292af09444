/** @jsxImportSource hono/jsx */
/**
 * ROC curve of a model on one part of its data, at the cut-offs the registry keeps: the lift
 * table's deciles (riskiest first). Each decile adds its bads to the true-positive rate and its
 * goods to the false-positive rate, so the curve is exact at eleven points and straight between.
 *
 * @example
 *   <RocChart parts={[{ name: 'test', lift: metrics.parts.test.lift, auc: metrics.parts.test.auc }]} />
 */
import type { LiftGroup } from '../../../models/index.ts';
import { Chart, pathOf, plotBox, XAxis, YAxis } from './frame.tsx';

const SIZE = { width: 520, height: 400 };
const PLOT = plotBox(SIZE.width, SIZE.height);
import { linearScale } from './scale.ts';

export interface RocPart {
  name: string;
  lift: LiftGroup[];
  auc: number;
}

/** [false-positive rate, true-positive rate] from (0, 0) through every decile to (1, 1). */
export function rocPoints(lift: LiftGroup[]): [number, number][] {
  const rows = lift.reduce((s, g) => s + g.n, 0);
  const bads = lift.reduce((s, g) => s + g.bads, 0);
  const goods = rows - bads;
  if (bads === 0 || goods === 0) throw new RangeError(`an ROC curve needs bads and goods; the lift table has ${bads} bads of ${rows} rows`);
  const points: [number, number][] = [[0, 0]];
  let cumBads = 0;
  let cumRows = 0;
  for (const g of lift) {
    cumBads += g.bads;
    cumRows += g.n;
    points.push([(cumRows - cumBads) / goods, cumBads / bads]);
  }
  return points;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

export function RocChart({ parts }: { parts: RocPart[] }) {
  const x = linearScale([0, 1], [PLOT.left, PLOT.right]);
  const y = linearScale([0, 1], [PLOT.bottom, PLOT.top]);
  const description = parts.map((p) => `${p.name}: AUC ${p.auc.toFixed(3)}`).join('; ') + '. Points at the decile cut-offs.';
  return (
    <Chart kind="roc" width={SIZE.width} height={SIZE.height} title="ROC curve" description={description}>
      <YAxis box={PLOT} scale={y} format={percent} label="bads caught (TPR)" />
      <XAxis box={PLOT} ticks={x.ticks(5).map((t) => ({ x: x(t), text: percent(t) }))} label="goods refused (FPR)" />
      <path class="chance" d={pathOf([[x(0), y(0)], [x(1), y(1)]])} />
      {parts.map((part, k) => {
        const pts = rocPoints(part.lift);
        return (
          <g class={`series-group series-${k}`} data-part={part.name}>
            <path class="series" data-points={pts.length} d={pathOf(pts.map(([f, t]) => [x(f), y(t)]))} />
            {pts.map(([f, t]) => <circle class="point" cx={x(f)} cy={y(t)} r={2.5} />)}
          </g>
        );
      })}
      <g class="legend">
        {parts.map((part, k) => (
          <text class={`legend-${k}`} x={PLOT.right - 8} y={PLOT.bottom - 10 - 16 * (parts.length - 1 - k)} text-anchor="end">{`${part.name} (AUC ${part.auc.toFixed(3)})`}</text>
        ))}
      </g>
    </Chart>
  );
}
