/** models/binning: supervised binning, WoE and IV for numeric and categorical features. */
export { binNumeric } from './numeric.ts';
export { binCategorical } from './categorical.ts';
export { binFeatures, type BinFeaturesOptions } from './bin-features.ts';
export { binIndex, binCodes, woeColumn, missingIndex, otherIndex } from './assign.ts';
export { woeOf, fillWoe, ivOf, ivBand, SMOOTHING, type IvBand } from './woe.ts';
export { chiMerge, enforceMinCount, poolAdjacentViolators, isMonotonic, type Cell } from './merge.ts';
export { formatEdge, rangeLabel } from './label.ts';
export { DEFAULT_BINNING, type Bin, type BinKind, type Binning, type BinningOptions, type Monotonicity } from './types.ts';
