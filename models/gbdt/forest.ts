/**
 * Random forest on the same histogram trees: each tree sees a bootstrap sample of the rows and
 * a random subset of features at every node (√p by default), and fits the bad rate directly
 * (gradient −y, hessian 1, no regularisation: the split gain is then the Gini/variance
 * reduction and a leaf's value is its bad rate). The PD is the average of the trees' leaf
 * rates — not a vote, so no tree is dropped (ARCHITECTURE.md §6 on ml-random-forest).
 *
 * @example
 *   const forest = trainForest(train, { trees: 100, maxDepth: 12, seed: 3 });
 */
import { assertTrainable, type Dataset } from '../data/frame.ts';
import { Rng } from '../random.ts';
import { context, paramsOf } from './boost.ts';
import { fitQuantizer, quantize, type QuantizeOptions } from './quantize.ts';
import { growTree } from './tree.ts';
import type { TreeEnsemble } from './types.ts';

export interface ForestOptions extends QuantizeOptions {
  trees?: number;
  maxDepth?: number;
  maxLeaves?: number;
  minSamplesLeaf?: number;
  /** Features tried per node; default √(number of features). */
  featuresPerNode?: number;
  /** Bootstrap sample size as a share of the rows (smaller = faster, more diverse trees). */
  sampleFraction?: number;
  seed?: number;
  onIteration?: (iteration: number) => void;
}

export function trainForest(train: Dataset, options: ForestOptions = {}): TreeEnsemble {
  const started = performance.now();
  assertTrainable(train);
  const features = fitQuantizer(train, options);
  const o = {
    trees: 100, maxDepth: 12, maxLeaves: 4096, minSamplesLeaf: 5, sampleFraction: 1, seed: 1,
    featuresPerNode: Math.max(1, Math.round(Math.sqrt(features.length))), ...options,
  };
  const rng = new Rng(o.seed);
  const columns = quantize(features, train);
  const n = train.nRows;
  const sampleSize = Math.max(1, Math.round(n * o.sampleFraction));
  const gradient = Float64Array.from(train.target, (y) => -y);
  const hessian = new Float64Array(n).fill(1);
  const ctx = context(columns, features.map((f) => f.nBins), sampleSize);
  const params = { ...o, lambda: 0, minChildWeight: 0, minGain: 1e-12 };
  const counts = new Uint32Array(n);
  const model: TreeEnsemble = {
    kind: 'forest', features, baseScore: 0, trees: [], params: paramsOf(o),
    training: { rows: n, trees: 0, validationLogLoss: [], bestIteration: -1, seconds: 0 },
  };
  for (let t = 0; t < o.trees; t++) {
    // Bootstrap by counting draws, then list rows in order: repeats kept, memory access sequential.
    counts.fill(0);
    for (let k = 0; k < sampleSize; k++) counts[rng.int(n)]++;
    const rows = new Uint32Array(sampleSize);
    let at = 0;
    for (let i = 0; i < n; i++) for (let c = counts[i]; c > 0; c--) rows[at++] = i;
    model.trees.push(growTree(ctx, rows, gradient, hessian, params, rng).tree);
    o.onIteration?.(t);
  }
  model.training.trees = model.trees.length;
  model.training.bestIteration = model.trees.length - 1;
  model.training.seconds = (performance.now() - started) / 1000;
  return model;
}
