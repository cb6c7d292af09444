/**
 * Tree ensembles as plain JSON. A tree is parallel arrays indexed by node (0 = root); a leaf
 * has feature −1. Splits are in bin space (value bins 1..threshold go left, bin 0 = missing
 * follows missingLeft) and the quantizer in the model maps raw values to bins, so a reloaded
 * model scores exactly as the trained one, and the SQL compiler can turn each threshold back
 * into a raw `<=` edge or a category list.
 */
import type { FeatureBins } from './quantize.ts';

export interface Tree {
  feature: number[];
  threshold: number[];
  missingLeft: boolean[];
  left: number[];
  right: number[];
  /** Leaf output (learning rate applied for boosting); internal nodes keep their own value. */
  value: number[];
}

export interface TreeEnsemble {
  /** gbdt: PD = σ(baseScore + Σ trees); forest: PD = mean of trees. */
  kind: 'gbdt' | 'forest';
  features: FeatureBins[];
  baseScore: number;
  trees: Tree[];
  params: Record<string, number | string | boolean>;
  training: {
    rows: number;
    trees: number;
    /** gbdt with a validation set: log loss after each tree, and the tree count kept. */
    validationLogLoss: number[];
    bestIteration: number;
    seconds: number;
  };
}
