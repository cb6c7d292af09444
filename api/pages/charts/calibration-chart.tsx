/** @jsxImportSource hono/jsx */
/**
 * Calibration by decile of predicted PD: each decile's mean prediction against its observed bad
 * rate, with the observed rate's Wilson 95% interval. A calibrated model's points sit on the
 * diagonal, within their whiskers.
 *
 * @example
 *   <CalibrationChart deciles={metrics.parts.test.calibration.deciles} />
 */
import type { CalibrationGroup } from '../../../models/index.ts';
import { Chart, pathOf, plotBox, XAxis, YAxis } from './frame.tsx';

const SIZE = { width: 520, height: 400 };
const PLOT = plotBox(SIZE.width, SIZE.height);
import { linearScale, niceTicks } from './scale.ts';

const percent = (v: number) => `${Number((v * 100).toPrecision(3))}%`;

export function CalibrationChart({ deciles, part = 'test' }: { deciles: CalibrationGroup[]; part?: string }) {
  const top = Math.max(1e-4, ...deciles.flatMap((d) => [d.upper, d.meanPredicted, d.observedRate]));
  const ticks = niceTicks(0, top, 5);
  const max = ticks[ticks.length - 1] < top ? ticks[ticks.length - 1] + (ticks[1] - ticks[0]) : ticks[ticks.length - 1];
  const x = linearScale([0, max], [PLOT.left, PLOT.right]);
  const y = linearScale([0, max], [PLOT.bottom, PLOT.top]);
  const inside = deciles.filter((d) => d.inside).length;
  const description = `${deciles.length} deciles of the ${part} part; ${inside} with the prediction inside the observed rate's 95% interval.`;
  return (
    <Chart kind="calibration" width={SIZE.width} height={SIZE.height} title={`Calibration by decile (${part})`} description={description}>
      <YAxis box={PLOT} scale={y} format={percent} label="observed bad rate" />
      <XAxis box={PLOT} ticks={x.ticks(5).map((t) => ({ x: x(t), text: percent(t) }))} label="mean predicted PD" />
      <path class="chance" d={pathOf([[x(0), y(0)], [x(max), y(max)]])} />
      <g class="series-group series-0" data-points={deciles.length}>
        {deciles.map((d) => (
          <g class={d.inside ? 'decile inside' : 'decile outside'}>
            <line class="whisker" x1={x(d.meanPredicted)} x2={x(d.meanPredicted)} y1={y(d.lower)} y2={y(d.upper)} />
            <circle class="point" cx={x(d.meanPredicted)} cy={y(d.observedRate)} r={4}>
              <title>{`decile ${d.group}: predicted ${percent(d.meanPredicted)}, observed ${percent(d.observedRate)} (${percent(d.lower)}–${percent(d.upper)}), ${d.n} rows`}</title>
            </circle>
          </g>
        ))}
      </g>
    </Chart>
  );
}
