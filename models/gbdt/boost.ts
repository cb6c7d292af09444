/**
 * Gradient boosting for binary log loss on histogram trees (the LightGBM / sklearn
 * HistGradientBoosting recipe): start at the base log-odds, then each tree fits the Newton step
 * of the loss (gradient p − y, hessian p(1 − p)), shrunk by the learning rate. With a
 * validation set, training stops once validation log loss has not improved for
 * `earlyStoppingRounds` trees, and the model keeps the trees up to the best one.
 *
 * @example
 *   const model = trainGbdt(train, { learningRate: 0.1, maxLeaves: 31, seed: 7 }, validation);
 */
import { assertTrainable, type Dataset } from '../data/frame.ts';
import { Rng } from '../random.ts';
import { HistogramPool, histogramLayout } from './histogram.ts';
import { treeOutput } from './predict.ts';
import { fitQuantizer, quantize, type QuantizeOptions } from './quantize.ts';
import { growTree, type TreeContext } from './tree.ts';
import type { TreeEnsemble } from './types.ts';

export interface GbdtOptions extends QuantizeOptions {
  maxIterations?: number;
  learningRate?: number;
  /** 'leaf' grows best-first up to maxLeaves; 'depth' grows full levels up to maxDepth. */
  growth?: 'leaf' | 'depth';
  maxLeaves?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** L2 regularisation of leaf values. */
  lambda?: number;
  minChildWeight?: number;
  minGain?: number;
  /** Share of rows (without replacement) and of features each tree sees. */
  rowFraction?: number;
  featureFraction?: number;
  earlyStoppingRounds?: number;
  seed?: number;
  /** Called after each tree, e.g. for a progress bar. */
  onIteration?: (iteration: number, validationLogLoss: number | null) => void;
}

export function trainGbdt(train: Dataset, options: GbdtOptions = {}, validation?: Dataset): TreeEnsemble {
  const started = performance.now();
  const o = {
    maxIterations: 200, learningRate: 0.1, growth: 'leaf', maxLeaves: 31, maxDepth: 12, minSamplesLeaf: 20, lambda: 1,
    minChildWeight: 1e-3, minGain: 1e-9, rowFraction: 1, featureFraction: 1, earlyStoppingRounds: 20, seed: 1, ...options,
  };
  assertTrainable(train);
  const rng = new Rng(o.seed);
  const features = fitQuantizer(train, options);
  const columns = quantize(features, train);
  const n = train.nRows;
  const y = train.target;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const baseScore = Math.log(positives / (n - positives));
  const ctx = context(columns, features.map((f) => f.nBins), n);
  const params = {
    ...o,
    maxLeaves: o.growth === 'depth' ? 2 ** Math.min(o.maxDepth, 20) : o.maxLeaves,
    featuresPerNode: 0,
  };
  const margin = new Float64Array(n).fill(baseScore);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const valid = validation ? { columns: quantize(features, validation), margin: new Float64Array(validation.nRows).fill(baseScore), y: validation.target } : null;
  const model: TreeEnsemble = {
    kind: 'gbdt', features, baseScore, trees: [],
    params: { ...paramsOf(o), maxLeaves: params.maxLeaves },
    training: { rows: n, trees: 0, validationLogLoss: [], bestIteration: -1, seconds: 0 },
  };
  let best = Infinity;
  for (let it = 0; it < o.maxIterations; it++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]));
      gradient[i] = p - y[i];
      hessian[i] = Math.max(p * (1 - p), 1e-16);
    }
    const rows = o.rowFraction < 1 ? rng.sample(n, Math.max(1, Math.round(n * o.rowFraction))) : identity(n);
    const allowed = o.featureFraction < 1 ? Int32Array.from(rng.sample(features.length, Math.max(1, Math.round(features.length * o.featureFraction)))) : null;
    const { tree, leaves } = growTree(ctx, rows, gradient, hessian, params, rng, allowed);
    tree.value = tree.value.map((v) => v * o.learningRate);
    model.trees.push(tree);
    if (o.rowFraction < 1) for (let i = 0; i < n; i++) margin[i] += treeOutput(tree, columns, i);
    else for (const leaf of leaves) for (let k = leaf.start; k < leaf.end; k++) margin[rows[k]] += tree.value[leaf.node];
    let loss: number | null = null;
    if (valid) {
      for (let i = 0; i < valid.margin.length; i++) valid.margin[i] += treeOutput(tree, valid.columns, i);
      loss = marginLogLoss(valid.margin, valid.y);
      model.training.validationLogLoss.push(loss);
      if (loss < best - 1e-12) {
        best = loss;
        model.training.bestIteration = it;
      } else if (it - model.training.bestIteration >= o.earlyStoppingRounds) {
        o.onIteration?.(it, loss);
        break;
      }
    }
    o.onIteration?.(it, loss);
    if (leaves.length === 1) break; // nothing left to learn: every further tree would be a stump
  }
  if (valid) model.trees = model.trees.slice(0, model.training.bestIteration + 1);
  else model.training.bestIteration = model.trees.length - 1;
  model.training.trees = model.trees.length;
  model.training.seconds = (performance.now() - started) / 1000;
  return model;
}

export function context(columns: Uint8Array[], nBins: number[], maxRows: number): TreeContext {
  const layout = histogramLayout(nBins);
  return { columns, layout, pool: new HistogramPool(layout.size), scratch: { g: new Float64Array(maxRows), h: new Float64Array(maxRows), rows: new Uint32Array(maxRows) } };
}

export function identity(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** Log loss from margins, computed as softplus so extreme margins stay finite. */
export function marginLogLoss(margin: Float64Array, y: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < margin.length; i++) {
    const z = y[i] === 1 ? -margin[i] : margin[i];
    sum += z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
  return sum / margin.length;
}

export function paramsOf(o: object): Record<string, number | string | boolean> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v)));
}
