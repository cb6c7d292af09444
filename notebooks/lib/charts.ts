/**
 * Charts for notebooks: a Vega-Lite spec compiled and rendered to SVG inside the kernel by
 * vega's headless View (no canvas, no browser, nothing fetched: data goes inline as `values`),
 * then shown in the cell through tslab's display. The SVG is the output saved in the notebook.
 *
 * @example
 *   await show({ data: { values: rows }, mark: 'bar', encoding: { x: { field: 'segment' }, y: { field: 'n', type: 'quantitative' } } });
 */
import { display } from 'tslab';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;

const DEFAULTS = { width: 520, height: 260, background: 'white' } as const;

/** The chart as SVG text; a spec without width or height gets the notebook's default size. */
export async function svgOf(spec: ChartSpec): Promise<string> {
  const { spec: vega } = compile({ ...DEFAULTS, ...spec } as ChartSpec);
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders the chart and shows it as the cell's output. */
export async function show(spec: ChartSpec): Promise<void> {
  display.svg(await svgOf(spec));
}
