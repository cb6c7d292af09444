/** @jsxImportSource hono/jsx */
/**
 * The frame every chart shares: an SVG that scales to its container, an accessible title and
 * description (screen readers read them; the chart's numbers are also in a table beside it),
 * and the axes with their grid lines.
 */
import type { Child } from 'hono/jsx';
import type { LinearScale } from './scale.ts';

export const WIDTH = 720;
export const HEIGHT = 260;
const MARGIN = { top: 16, right: 16, bottom: 36, left: 64 };

/** Where the data goes inside a chart of the given size, leaving room for the axes. */
export interface PlotBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
}

export function plotBox(width = WIDTH, height = HEIGHT): PlotBox {
  return { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom, height };
}

export const PLOT = plotBox();

export interface ChartProps {
  /** Names the chart for tests and styles: `data-chart="..."`. */
  kind: string;
  title: string;
  description: string;
  width?: number;
  height?: number;
  children?: Child;
}

export function Chart({ kind, title, description, width = WIDTH, height = HEIGHT, children }: ChartProps) {
  const id = `chart-${kind}`;
  return (
    <svg class="chart" data-chart={kind} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/** A y axis with horizontal grid lines at its ticks. */
export function YAxis({ scale, format, label, box = PLOT }: { scale: LinearScale; format: (v: number) => string; label?: string; box?: PlotBox }) {
  return (
    <g class="axis axis-y">
      {scale.ticks(5).map((t) => (
        <g>
          <line class="grid" x1={box.left} x2={box.right} y1={scale(t)} y2={scale(t)} />
          <text x={box.left - 6} y={scale(t) + 4} text-anchor="end">{format(t)}</text>
        </g>
      ))}
      {label ? <text class="axis-label" x={12} y={box.top + (box.bottom - box.top) / 2} transform={`rotate(-90 12 ${box.top + (box.bottom - box.top) / 2})`} text-anchor="middle">{label}</text> : null}
    </g>
  );
}

/** An x axis with tick labels at the given positions. */
export function XAxis({ ticks, label, box = PLOT }: { ticks: { x: number; text: string }[]; label?: string; box?: PlotBox }) {
  return (
    <g class="axis axis-x">
      <line class="baseline" x1={box.left} x2={box.right} y1={box.bottom} y2={box.bottom} />
      {ticks.map((t) => (
        <text x={t.x} y={box.bottom + 16} text-anchor="middle">{t.text}</text>
      ))}
      {label ? <text class="axis-label" x={(box.left + box.right) / 2} y={box.height - 4} text-anchor="middle">{label}</text> : null}
    </g>
  );
}

/** An SVG path through the points, broken where a value is missing. */
export function pathOf(points: ([number, number] | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    pen = true;
  }
  return d;
}
