/**
 * Bins every feature of a dataset by its column type, with per-feature overrides (special
 * values, a forced direction). The result is what feature selection ranks by IV.
 */
import type { Dataset } from '../data/frame.ts';
import { binCategorical } from './categorical.ts';
import { binNumeric } from './numeric.ts';
import type { Binning, BinningOptions } from './types.ts';

export interface BinFeaturesOptions extends BinningOptions {
  /** Features to bin; all columns by default. */
  features?: string[];
  perFeature?: Record<string, BinningOptions>;
}

export function binFeatures(data: Dataset, options: BinFeaturesOptions = {}): Binning[] {
  const { features, perFeature, ...shared } = options;
  const wanted = features ? new Set(features) : null;
  return data.columns
    .filter((column) => !wanted || wanted.has(column.name))
    .map((column) => {
      const opts = { ...shared, ...perFeature?.[column.name] };
      return column.kind === 'numeric'
        ? binNumeric(column.name, column.values, data.target, opts)
        : binCategorical(column.name, column.values, data.target, opts);
    });
}
