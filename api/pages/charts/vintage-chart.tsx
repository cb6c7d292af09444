/** @jsxImportSource hono/jsx */
/**
 * Vintage curves: one line per month of origination, its cumulative default rate by months on
 * book. Later vintages are drawn darker; a curve that bends up earlier than older ones is a
 * vintage of worse lines.
 *
 * @example
 *   <VintageChart vintages={report.vintages} />
 */
import type { Vintage } from '../../../engine/schema/portfolio-report.ts';
import { Chart, pathOf, PLOT, XAxis, YAxis } from './frame.tsx';
import { linearScale, niceTicks } from './scale.ts';

const percent = (v: number) => `${Number((v * 100).toPrecision(3))}%`;

export function VintageChart({ vintages }: { vintages: Vintage[] }) {
  const months = Math.max(1, ...vintages.map((v) => v.points.length - 1));
  const top = Math.max(0.01, ...vintages.flatMap((v) => v.points.map((p) => p.cumulative_default_rate)));
  const ticks = niceTicks(0, top, 5);
  const yMax = ticks[ticks.length - 1] < top ? top : ticks[ticks.length - 1];
  const x = linearScale([0, months], [PLOT.left, PLOT.right]);
  const y = linearScale([0, yMax], [PLOT.bottom, PLOT.top]);
  const worst = vintages.reduce<Vintage | null>((w, v) => (w === null || rateOf(v) > rateOf(w) ? v : w), null);
  const description = vintages.length === 0
    ? 'No lines opened yet.'
    : `${vintages.length} vintages from ${vintages[0].vintage} to ${vintages[vintages.length - 1].vintage}; the highest cumulative default rate is ${worst ? `${percent(rateOf(worst))} (${worst.vintage})` : '0%'}.`;
  return (
    <Chart kind="vintages" title="Vintage curves: cumulative default rate by months on book" description={description}>
      <YAxis scale={y} format={percent} label="defaulted" />
      <XAxis ticks={x.ticks(8).filter(Number.isInteger).map((t) => ({ x: x(t), text: String(t) }))} label="months on book" />
      {vintages.map((v, i) => (
        <g class="vintage" data-vintage={v.vintage} data-points={v.points.length} opacity={(0.35 + (0.65 * (i + 1)) / vintages.length).toFixed(2)}>
          <path class="series" d={pathOf(v.points.map((p) => [x(p.months_on_book), y(p.cumulative_default_rate)]))}>
            <title>{`${v.vintage}: ${v.n_lines} lines, ${v.n_defaults} defaulted (${percent(rateOf(v))} after ${v.points.length - 1} months)`}</title>
          </path>
        </g>
      ))}
    </Chart>
  );
}

function rateOf(v: Vintage): number {
  return v.points[v.points.length - 1]?.cumulative_default_rate ?? 0;
}
