/**
 * Scoring with a tree ensemble: a whole dataset (quantize once, walk every tree per row) or a
 * single row (the API: bins computed only for the features the path meets). Both end in the
 * same sum as the compiled SQL: base score plus tree outputs, then the logistic link for
 * boosting or the mean for a forest (the one-row scorer also adds in the SQL's order).
 *
 * @example
 *   const pd = ensemblePd(model, { turnover_90d_fen: 1.2e7, segment: 'cafe' });
 */
import type { Dataset, Row } from '../data/frame.ts';
import { binOf, quantize } from './quantize.ts';
import type { Tree, TreeEnsemble } from './types.ts';

/** Output of one tree for row i of pre-binned columns. */
export function treeOutput(tree: Tree, columns: Uint8Array[], i: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const b = columns[tree.feature[node]][i];
    node = (b === 0 ? tree.missingLeft[node] : b <= tree.threshold[node]) ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

/** Turns a raw sum of tree outputs into a PD. */
export function linkPd(model: TreeEnsemble, sum: number): number {
  return model.kind === 'gbdt' ? 1 / (1 + Math.exp(-sum)) : sum / model.trees.length;
}

/** Raw margins (before the link) for pre-binned columns. */
export function ensembleMargins(model: TreeEnsemble, columns: Uint8Array[], nRows: number): Float64Array {
  const sums = new Float64Array(nRows).fill(model.baseScore);
  for (const tree of model.trees) for (let i = 0; i < nRows; i++) sums[i] += treeOutput(tree, columns, i);
  return sums;
}

/** PD of every row of a dataset. */
export function predictEnsemble(model: TreeEnsemble, data: Dataset): Float64Array {
  const columns = quantize(model.features, data);
  return ensembleMargins(model, columns, data.nRows).map((sum) => linkPd(model, sum));
}

/** PD of one row; missing keys, null and NaN are missing values. */
export function ensemblePd(model: TreeEnsemble, row: Row): number {
  const bins = new Int16Array(model.features.length).fill(-1);
  const outputs = new Float64Array(model.trees.length);
  model.trees.forEach((tree, t) => {
    let node = 0;
    while (tree.feature[node] >= 0) {
      const f = tree.feature[node];
      if (bins[f] < 0) bins[f] = binOf(model.features[f], row[model.features[f].feature]);
      const b = bins[f];
      node = (b === 0 ? tree.missingLeft[node] : b <= tree.threshold[node]) ? tree.left[node] : tree.right[node];
    }
    outputs[t] = tree.value[node];
  });
  return linkPd(model, model.baseScore + pairwiseSum(outputs));
}

/**
 * Sum in a balanced binary order, ((a + b) + (c + d)): the order the compiled SQL adds tree
 * outputs in (compile-sql/literal.ts, balancedSum), so the one-row scorer rounds as SQL does.
 */
export function pairwiseSum(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const go = (lo: number, hi: number): number => {
    if (hi - lo === 1) return values[lo];
    const mid = lo + Math.floor((hi - lo) / 2);
    return go(lo, mid) + go(mid, hi);
  };
  return go(0, values.length);
}
