/**
 * Pre-binning for the tree models: every feature becomes a Uint8Array of bin codes (≤ 255 bins)
 * so histograms are small fixed arrays and the hot loops touch bytes, not doubles or strings.
 * Bin 0 is always "missing" (null, NaN): trees learn which way it goes. Numeric bins are
 * quantile ranges (lower, upper] with data values as edges; categorical bins are categories
 * ordered by their training bad rate, so a threshold on the code is a best-first subset split
 * (the ordering trick of Fisher 1958 / LightGBM), rare and unseen categories sharing a bin.
 *
 * @example
 *   const bins = fitQuantizer(train);  // FeatureBins[] (JSON, part of the model)
 *   const codes = quantize(bins, test); // Uint8Array per feature
 */
import { categoricalValue, numericValue, type Dataset, type RowValue } from '../data/frame.ts';

export interface FeatureBins {
  feature: string;
  type: 'numeric' | 'categorical';
  /** Bins including the missing bin 0. */
  nBins: number;
  /** numeric: bin b (1..nBins−1) holds values <= uppers[b − 1]; the last bin is open above. */
  uppers?: number[];
  /** categorical: categories of bin b at index b − 1. */
  categories?: string[][];
  /** categorical: the bin of rare and unseen categories. */
  otherBin?: number;
}

export interface QuantizeOptions {
  /** Bins per feature including missing, at most 255. */
  maxBins?: number;
  /** Categories with fewer training rows go to the shared "other" bin. */
  minCategoryCount?: number;
}

export function fitQuantizer(data: Dataset, options: QuantizeOptions = {}): FeatureBins[] {
  const maxBins = Math.min(255, Math.max(3, options.maxBins ?? 255));
  const minCategoryCount = options.minCategoryCount ?? 10;
  return data.columns.map((column): FeatureBins => {
    if (column.kind === 'numeric') return { feature: column.name, type: 'numeric', ...numericUppers(column.values, maxBins - 1) };
    return categoricalBins(column.name, column.values, data.target, maxBins - 1, minCategoryCount);
  });
}

/** Upper edges for `valueBins` quantile bins; every distinct value its own bin when few. */
function numericUppers(values: Float64Array, valueBins: number): { nBins: number; uppers: number[] } {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present++;
  // A strided sample of ~200k values places quantiles well enough and keeps the sort short.
  const stride = Math.max(1, Math.floor(present / 200_000));
  const sorted = new Float64Array(Math.ceil(present / stride));
  let seen = 0;
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    if (seen++ % stride === 0) sorted[at++] = values[i];
  }
  sorted.sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  let uppers: number[];
  if (distinct.length <= valueBins) {
    uppers = distinct.slice(0, -1);
  } else {
    uppers = [];
    for (let k = 1; k < valueBins; k++) {
      const edge = sorted[Math.ceil((k * sorted.length) / valueBins) - 1];
      if (edge < distinct[distinct.length - 1] && (uppers.length === 0 || edge > uppers[uppers.length - 1])) uppers.push(edge);
    }
  }
  return { nBins: uppers.length + 2, uppers };
}

function categoricalBins(feature: string, values: (string | null)[], target: Uint8Array, valueBins: number, minCount: number): FeatureBins {
  const stats = new Map<string, { n: number; bad: number }>();
  values.forEach((value, i) => {
    if (value === null) return;
    const s = stats.get(value) ?? { n: 0, bad: 0 };
    s.n++;
    s.bad += target[i];
    stats.set(value, s);
  });
  const byCount = [...stats].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
  const kept = byCount.filter(([, s], k) => s.n >= minCount && k < valueBins - 1);
  const keptNames = new Set(kept.map(([c]) => c));
  const rare = byCount.filter(([c]) => !keptNames.has(c));
  let totalBad = 0;
  for (let i = 0; i < target.length; i++) totalBad += target[i];
  const other = { n: 0, bad: 0 };
  for (const [, s] of rare) {
    other.n += s.n;
    other.bad += s.bad;
  }
  // Bad rates shrunk toward the overall rate, so a 10-row category cannot jump to an extreme.
  const prior = totalBad / target.length;
  const rate = (s: { n: number; bad: number }): number => (s.bad + 10 * prior) / (s.n + 10);
  const groups = [...kept.map(([c, s]) => ({ categories: [c], rate: rate(s), isOther: false })), { categories: rare.map(([c]) => c).sort(), rate: rate(other), isOther: true }];
  groups.sort((a, b) => a.rate - b.rate || (a.isOther ? 1 : 0) - (b.isOther ? 1 : 0) || (a.categories[0] < b.categories[0] ? -1 : 1));
  return {
    feature,
    type: 'categorical',
    nBins: groups.length + 1,
    categories: groups.map((g) => g.categories),
    otherBin: groups.findIndex((g) => g.isOther) + 1,
  };
}

/** Bin code of one value. */
export function binOf(bins: FeatureBins, value: RowValue): number {
  if (bins.type === 'numeric') {
    const v = numericValue(value);
    return Number.isNaN(v) ? 0 : 1 + lowerBound(bins.uppers ?? [], v);
  }
  const text = categoricalValue(value);
  if (text === null) return 0;
  const index = (bins.categories ?? []).findIndex((group) => group.includes(text));
  return index >= 0 ? index + 1 : (bins.otherBin ?? 0);
}

/** Bin codes of every feature of a dataset, by name, in the quantizer's feature order. */
export function quantize(features: FeatureBins[], data: Dataset): Uint8Array[] {
  return features.map((bins) => {
    const column = data.columns.find((c) => c.name === bins.feature);
    if (!column) throw new Error(`feature ${bins.feature} is not in the data`);
    const codes = new Uint8Array(data.nRows);
    if (bins.type === 'numeric') {
      if (column.kind !== 'numeric') throw new Error(`feature ${bins.feature} was numeric in training but holds text here`);
      const uppers = bins.uppers ?? [];
      for (let i = 0; i < data.nRows; i++) {
        const v = column.values[i];
        codes[i] = Number.isNaN(v) ? 0 : 1 + lowerBound(uppers, v);
      }
    } else {
      const lookup = new Map<string, number>();
      (bins.categories ?? []).forEach((group, b) => group.forEach((c) => lookup.set(c, b + 1)));
      for (let i = 0; i < data.nRows; i++) {
        const text = categoricalValue(column.values[i]);
        codes[i] = text === null ? 0 : (lookup.get(text) ?? bins.otherBin ?? 0);
      }
    }
    return codes;
  });
}

/** First index with v <= uppers[index], or uppers.length. */
function lowerBound(uppers: number[], v: number): number {
  let lo = 0;
  let hi = uppers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= uppers[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
