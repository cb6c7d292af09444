/**
 * Growing one histogram tree, leaf by leaf: the open leaf with the largest gain splits next,
 * until `maxLeaves` (or no split gains). With maxLeaves at 2^maxDepth the result is the
 * depth-wise tree, since each leaf's best split does not depend on the order leaves are split
 * in. Rows live in one index array; a split partitions its node's range in place.
 *
 * Two histogram strategies. Boosting looks at every feature at every node, so only the
 * smaller child's histogram is built and the larger one is parent − smaller. A forest draws a
 * few features per node; building just those on the node's rows is cheaper than full
 * histograms kept for subtraction, and deep trees then never pay for empty bins.
 */
import { Rng } from '../random.ts';
import { buildHistogram, HistogramPool, subtractInto, type HistogramLayout } from './histogram.ts';
import { findBestSplit, type Split, type SplitParams } from './split.ts';
import type { Tree } from './types.ts';

export interface TreeParams extends SplitParams {
  maxLeaves: number;
  /** Root is depth 0; leaves sit at depth <= maxDepth. */
  maxDepth: number;
  /** Features tried at each node (random subset, forests); 0 = all allowed ones. */
  featuresPerNode: number;
}

export interface TreeContext {
  columns: Uint8Array[];
  layout: HistogramLayout;
  pool: HistogramPool;
  scratch: { g: Float64Array; h: Float64Array; rows: Uint32Array };
}

export interface GrownTree {
  tree: Tree;
  /** Each leaf's node and its range in the rows array, to update predictions without traversal. */
  leaves: { node: number; start: number; end: number }[];
}

interface Open {
  node: number;
  start: number;
  end: number;
  depth: number;
  /** Full histogram, kept only in subtraction mode while the leaf may still split. */
  hist: Float64Array | null;
  g: number;
  h: number;
  split: Split | null;
}

/** Grows a tree on rows (ascending indices into the columns; repeats allowed) given per-row gradients. */
export function growTree(
  ctx: TreeContext,
  rows: Uint32Array,
  gradient: Float64Array,
  hessian: Float64Array,
  params: TreeParams,
  rng: Rng,
  allowed: Int32Array | null = null,
): GrownTree {
  const tree: Tree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
  const leaf = (start: number, end: number, depth: number, g: number, h: number): Open => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    const value = -g / (h + params.lambda);
    tree.value.push(value === 0 ? 0 : value); // no −0: JSON would write it as 0
    return { node: tree.value.length - 1, start, end, depth, hist: null, g, h, split: null };
  };
  const nFeatures = allowed ? allowed.length : ctx.columns.length;
  const sampling = params.featuresPerNode > 0 && params.featuresPerNode < nFeatures;
  const canSplit = (o: Open): boolean => o.depth < params.maxDepth && o.end - o.start >= 2 * params.minSamplesLeaf;
  const build = (o: Open, features: Int32Array | null): Float64Array => {
    const hist = ctx.pool.take();
    buildHistogram(hist, ctx.layout, ctx.columns, rows, o.start, o.end, gradient, hessian, ctx.scratch, features);
    return hist;
  };
  const evaluate = (o: Open): void => {
    if (!canSplit(o)) {
      o.split = null;
    } else if (sampling) {
      const picked = rng.sample(nFeatures, params.featuresPerNode);
      const features = Int32Array.from(picked, (k) => (allowed ? allowed[k] : k));
      const hist = build(o, features);
      o.split = findBestSplit(hist, ctx.layout, o.g, o.h, o.end - o.start, params, features);
      ctx.pool.give(hist);
    } else {
      o.split = findBestSplit(o.hist as Float64Array, ctx.layout, o.g, o.h, o.end - o.start, params, allowed);
    }
    if (!o.split && o.hist) {
      ctx.pool.give(o.hist); // a leaf for good: its histogram is free again
      o.hist = null;
    }
  };

  let g = 0;
  let h = 0;
  for (let i = 0; i < rows.length; i++) {
    g += gradient[rows[i]];
    h += hessian[rows[i]];
  }
  const root = leaf(0, rows.length, 0, g, h);
  if (!sampling && canSplit(root)) root.hist = build(root, null);
  evaluate(root);
  const open: Open[] = [root];
  while (open.length < params.maxLeaves) {
    let pick = -1;
    for (let k = 0; k < open.length; k++) {
      const split = open[k].split;
      if (split && (pick < 0 || split.gain > (open[pick].split as Split).gain)) pick = k;
    }
    if (pick < 0) break;
    const parent = open[pick];
    const split = parent.split as Split;
    const mid = partition(rows, parent.start, parent.end, ctx.columns[split.feature], split.threshold, split.missingLeft, ctx.scratch.rows);
    const left = leaf(parent.start, mid, parent.depth + 1, split.leftG, split.leftH);
    const right = leaf(mid, parent.end, parent.depth + 1, parent.g - split.leftG, parent.h - split.leftH);
    tree.feature[parent.node] = split.feature;
    tree.threshold[parent.node] = split.threshold;
    tree.missingLeft[parent.node] = split.missingLeft;
    tree.left[parent.node] = left.node;
    tree.right[parent.node] = right.node;
    if (parent.hist) childHistograms(parent.hist, left, right);
    open.splice(pick, 1, left, right);
    evaluate(left);
    evaluate(right);
  }
  for (const o of open) if (o.hist) ctx.pool.give(o.hist);
  return { tree, leaves: open.map((o) => ({ node: o.node, start: o.start, end: o.end })) };

  /** Subtraction mode: histograms for the children that may split, the smaller one built. */
  function childHistograms(parentHist: Float64Array, left: Open, right: Open): void {
    const [small, large] = left.end - left.start <= right.end - right.start ? [left, right] : [right, left];
    if (canSplit(large)) {
      const smallHist = build(small, null);
      large.hist = subtractInto(parentHist, smallHist);
      if (canSplit(small)) small.hist = smallHist;
      else ctx.pool.give(smallHist);
    } else {
      ctx.pool.give(parentHist);
      if (canSplit(small)) small.hist = build(small, null);
    }
  }
}

/**
 * Stable partition of rows[start, end): rows going left first, then the rest, each in their
 * original (ascending) order, so histogram passes keep walking the columns forwards.
 * Returns the position of the first right row.
 */
function partition(
  rows: Uint32Array,
  start: number,
  end: number,
  column: Uint8Array,
  threshold: number,
  missingLeft: boolean,
  spill: Uint32Array,
): number {
  let left = start;
  let right = 0;
  for (let k = start; k < end; k++) {
    const row = rows[k];
    const b = column[row];
    if (b === 0 ? missingLeft : b <= threshold) rows[left++] = row;
    else spill[right++] = row;
  }
  rows.set(spill.subarray(0, right), left);
  return left;
}
