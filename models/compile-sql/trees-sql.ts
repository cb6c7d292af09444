/**
 * A tree ensemble as one SQL expression: each tree a nested CASE, their outputs added as a
 * balanced sum (so hundreds of trees stay under DuckDB's expression depth limit), then the
 * logistic link (boosting) or the mean (forest). Each split turns its bin threshold back into
 * the raw test the quantizer applies: `value <= edge` for numbers, an IN list for categories.
 * A subtree is written once: the missing direction is folded into the split's condition
 * (NULL fails `<=`, so missing goes to ELSE unless the condition says otherwise).
 *
 * @example
 *   const { pd } = compileEnsemble(model);
 */
import type { FeatureBins } from '../gbdt/quantize.ts';
import type { Tree, TreeEnsemble } from '../gbdt/types.ts';
import { numericRef, textRef, type ColumnOptions } from './columns.ts';
import { balancedSum, sqlDouble, sqlString } from './literal.ts';

export interface CompiledEnsemble {
  /** Base score plus the sum of tree outputs (log-odds for boosting). */
  margin: string;
  pd: string;
}

export function compileEnsemble(model: TreeEnsemble, options: ColumnOptions = {}): CompiledEnsemble {
  const sum = balancedSum(model.trees.map((tree) => treeSql(tree, model.features, options)));
  const margin = `${sqlDouble(model.baseScore)} + ${sum}`;
  const pd = model.kind === 'gbdt' ? `1.0 / (1.0 + exp(-(${margin})))` : `(${margin}) / ${sqlDouble(model.trees.length)}`;
  return { margin, pd };
}

/** One tree as nested CASE expressions. */
export function treeSql(tree: Tree, features: FeatureBins[], options: ColumnOptions = {}): string {
  const node = (k: number): string => {
    const f = tree.feature[k];
    if (f < 0) return sqlDouble(tree.value[k]);
    const left = node(tree.left[k]);
    const right = node(tree.right[k]);
    const bins = features[f];
    const t = tree.threshold[k];
    const missingLeft = tree.missingLeft[k];
    if (bins.type === 'numeric') {
      const v = numericRef(bins.feature, options);
      const uppers = bins.uppers ?? [];
      if (t > uppers.length) return missingLeft ? left : `CASE WHEN ${v} IS NULL THEN ${right} ELSE ${left} END`; // every value left
      const edge = sqlDouble(uppers[t - 1]);
      return missingLeft ? `CASE WHEN ${v} > ${edge} THEN ${right} ELSE ${left} END` : `CASE WHEN ${v} <= ${edge} THEN ${left} ELSE ${right} END`;
    }
    // Categories: list the side without the "other" bin; the other side is ELSE.
    const otherLeft = (bins.otherBin ?? 0) <= t;
    const listed = (bins.categories ?? []).filter((_, b) => (b + 1 <= t) !== otherLeft).flat();
    const [listedSide, elseSide, missingListed] = otherLeft ? [right, left, !missingLeft] : [left, right, missingLeft];
    const c = textRef(bins.feature, options);
    const conditions = [...(missingListed ? [`${c} IS NULL`] : []), ...(listed.length > 0 ? [`${c} IN (${listed.map(sqlString).join(', ')})`] : [])];
    return conditions.length === 0 ? elseSide : `CASE WHEN ${conditions.join(' OR ')} THEN ${listedSide} ELSE ${elseSide} END`;
  };
  return node(0);
}
