/** models/gbdt: histogram gradient boosting and random forests on pre-binned features. */
export { trainGbdt, marginLogLoss, type GbdtOptions } from './boost.ts';
export { trainForest, type ForestOptions } from './forest.ts';
export { ensembleMargins, ensemblePd, linkPd, pairwiseSum, predictEnsemble, treeOutput } from './predict.ts';
export { binOf, fitQuantizer, quantize, type FeatureBins, type QuantizeOptions } from './quantize.ts';
export { growTree, type GrownTree, type TreeContext, type TreeParams } from './tree.ts';
export { findBestSplit, type Split, type SplitParams } from './split.ts';
export { buildHistogram, histogramLayout, subtractInto, HistogramPool, type HistogramLayout } from './histogram.ts';
export type { Tree, TreeEnsemble } from './types.ts';
