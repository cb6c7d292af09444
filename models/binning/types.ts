/**
 * The shape of a fitted binning, shared by the scorecard, the SQL compiler and the registry.
 * Plain JSON (no Infinity, no Maps) so a model file holds it as it is: an open range end is
 * null. Numeric ranges are (lower, upper], the same `<=` test in TypeScript and in SQL.
 */
export type BinKind = 'range' | 'categories' | 'special' | 'missing';

export interface Bin {
  kind: BinKind;
  label: string;
  /** range: exclusive lower edge, null = −∞. */
  lower?: number | null;
  /** range: inclusive upper edge, null = +∞. */
  upper?: number | null;
  /** categories: the values in this bin. */
  categories?: string[];
  /** categories: this bin also takes rare and unseen categories. */
  isOther?: boolean;
  /** special: numeric codes kept apart from the ranges (e.g. −1 = "not applicable"). */
  values?: number[];
  good: number;
  bad: number;
  woe: number;
  iv: number;
}

export type Monotonicity = 'increasing' | 'decreasing' | 'none';

export interface Binning {
  feature: string;
  type: 'numeric' | 'categorical';
  /** Value bins first (ranges in order, or categories), then special, then missing. */
  bins: Bin[];
  iv: number;
  /** Direction of the bad rate across numeric ranges. */
  monotonicity: Monotonicity;
}

export interface BinningOptions {
  /** Quantile bins to start from before merging (numeric). */
  initialBins?: number;
  /** Smallest share of all rows a value bin may hold. */
  minBinShare?: number;
  /** Most value bins kept after merging. */
  maxBins?: number;
  /** 'auto' tries both directions and keeps the higher IV unless IV collapses. */
  monotonic?: 'auto' | 'increasing' | 'decreasing' | 'none';
  /** A monotonic binning is kept when its IV is at least this share of the free binning's. */
  keepMonotonicAbove?: number;
  /** Numeric codes binned on their own (numeric features). */
  specialValues?: number[];
}

export const DEFAULT_BINNING: Required<BinningOptions> = {
  initialBins: 20,
  minBinShare: 0.05,
  maxBins: 8,
  monotonic: 'auto',
  keepMonotonicAbove: 0.5,
  specialValues: [],
};
