/**
 * Linear scales and "nice" axis ticks for the server-drawn SVG charts: a domain of data values
 * mapped onto a range of pixels, with ticks at 1, 2 or 5 × a power of ten.
 *
 * @example
 *   const y = linearScale([0, 1234], [200, 0]);
 *   y.ticks(5); // [0, 200, 400, ..., 1400]
 */
export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  ticks(count: number): number[];
}

/** A scale from `domain` to `range`; a flat domain is widened so nothing divides by zero. */
export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  let [d0, d1] = domain;
  if (!Number.isFinite(d0) || !Number.isFinite(d1)) throw new RangeError(`scale domain must be finite, got [${d0}, ${d1}]`);
  if (d0 === d1) [d0, d1] = d0 === 0 ? [0, 1] : [Math.min(0, d0), Math.max(0, d1)];
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0)) as LinearScale;
  scale.domain = [d0, d1];
  scale.ticks = (count) => niceTicks(d0, d1, count);
  return scale;
}

/** Ticks covering [lo, hi] at a 1-2-5 step, about `count` of them. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** The domain [0, max] rounded up to the next nice tick, for quantities that start at zero. */
export function zeroBasedDomain(values: number[]): [number, number] {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  if (max === 0) return [0, 1];
  const ticks = niceTicks(0, max, 5);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : max;
  return [0, Math.ceil(max / step) * step];
}

/** Short money labels for axes: fen in, RMB out (¥1.2k, ¥35k, ¥1.5m). */
export function shortRmb(fen: number): string {
  const rmb = fen / 100;
  const abs = Math.abs(rmb);
  if (abs >= 1e6) return `¥${trim(rmb / 1e6)}m`;
  if (abs >= 1e3) return `¥${trim(rmb / 1e3)}k`;
  return `¥${trim(rmb)}`;
}

function trim(x: number): string {
  return Number(x.toFixed(Math.abs(x) >= 100 ? 0 : 1)).toString();
}
