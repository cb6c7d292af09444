/**
 * Placing values into the bins of a fitted binning: one value (the API's one-row scorer) or a
 * whole column (training, monitoring). Both paths apply the same rules the SQL compiler
 * writes: missing first, then special values, then the first range whose upper edge is >= the
 * value (or the category's bin, unseen categories going to the "other" bin).
 */
import { categoricalValue, numericValue, type Column, type RowValue } from '../data/frame.ts';
import type { Binning } from './types.ts';

/** Index of the bin that `value` falls in. */
export function binIndex(binning: Binning, value: RowValue): number {
  const bins = binning.bins;
  if (binning.type === 'numeric') {
    const v = numericValue(value);
    if (Number.isNaN(v)) return missingIndex(binning);
    for (let b = 0; b < bins.length; b++) {
      const bin = bins[b];
      if (bin.kind === 'special' && bin.values?.includes(v)) return b;
    }
    for (let b = 0; b < bins.length; b++) {
      const bin = bins[b];
      if (bin.kind === 'range' && (bin.upper === null || bin.upper === undefined || v <= bin.upper)) return b;
    }
    throw new Error(`feature ${binning.feature}: no bin for ${v}`);
  }
  const text = categoricalValue(value);
  if (text === null) return missingIndex(binning);
  const found = bins.findIndex((bin) => bin.categories?.includes(text));
  return found >= 0 ? found : otherIndex(binning);
}

/** Bin index of every row of a column (typed, for training-size data). */
export function binCodes(binning: Binning, column: Column): Int32Array {
  const n = column.values.length;
  const codes = new Int32Array(n);
  if (binning.type === 'categorical') {
    const lookup = new Map<string, number>();
    binning.bins.forEach((bin, b) => bin.categories?.forEach((c) => lookup.set(c, b)));
    const other = otherIndex(binning);
    const missing = missingIndex(binning);
    for (let i = 0; i < n; i++) {
      const text = categoricalValue(column.values[i]);
      codes[i] = text === null ? missing : (lookup.get(text) ?? other);
    }
    return codes;
  }
  if (column.kind !== 'numeric') throw new Error(`feature ${binning.feature} was binned as numeric but the data holds text`);
  for (let i = 0; i < n; i++) codes[i] = binIndex(binning, column.values[i]);
  return codes;
}

/** The WoE of every row of a column. */
export function woeColumn(binning: Binning, column: Column): Float64Array {
  const codes = binCodes(binning, column);
  const woe = Float64Array.from(binning.bins, (bin) => bin.woe);
  return Float64Array.from(codes, (c) => woe[c]);
}

export function missingIndex(binning: Binning): number {
  const index = binning.bins.findIndex((bin) => bin.kind === 'missing');
  if (index < 0) throw new Error(`feature ${binning.feature} has no missing bin`);
  return index;
}

export function otherIndex(binning: Binning): number {
  const index = binning.bins.findIndex((bin) => bin.isOther === true);
  return index >= 0 ? index : missingIndex(binning);
}
