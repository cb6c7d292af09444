import { describe, expect, it } from 'vitest';
import { rowAt, selectRows, type Dataset } from '../data/frame.ts';
import { loadGermanCredit } from '../data/german-credit.ts';
import { stratifiedSplit } from '../data/split.ts';
import { fitLogistic, predictLogistic } from '../logistic/irls.ts';
import { auc } from '../metrics/auc.ts';
import { Rng } from '../random.ts';
import { trainGbdt } from './boost.ts';
import { trainForest } from './forest.ts';
import { ensemblePd, predictEnsemble } from './predict.ts';

/** y depends on the sign agreement of two features (XOR): invisible to any linear model. */
function xor(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const noise = new Float64Array(n);
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.next() * 2 - 1;
    b[i] = rng.next() * 2 - 1;
    noise[i] = rng.normal();
    target[i] = rng.next() < (a[i] > 0 !== b[i] > 0 ? 0.8 : 0.2) ? 1 : 0;
  }
  return {
    nRows: n,
    target,
    columns: [
      { kind: 'numeric', name: 'a', values: a },
      { kind: 'numeric', name: 'b', values: b },
      { kind: 'numeric', name: 'noise', values: noise },
    ],
  };
}

describe('gradient boosting', () => {
  const train = xor(8_000, 1);
  const test = xor(4_000, 2);

  it('learns an XOR interaction a linear model cannot', () => {
    const linear = fitLogistic(train.columns.map((c) => c.values as Float64Array), train.target);
    const linearPd = Float64Array.from({ length: test.nRows }, (_, i) => predictLogistic(linear, test.columns.map((c) => c.values[i] as number)));
    expect(auc(test.target, linearPd)).toBeLessThan(0.56);
    const model = trainGbdt(train, { maxIterations: 60, maxLeaves: 8, seed: 1 });
    expect(auc(test.target, predictEnsemble(model, test))).toBeGreaterThan(0.76); // the best possible is 0.80
  });

  it('grows depth-wise trees within maxDepth and leaf-wise trees within maxLeaves', () => {
    const depth = trainGbdt(train, { maxIterations: 5, growth: 'depth', maxDepth: 2, seed: 1 });
    for (const tree of depth.trees) expect(tree.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(4);
    const leafy = trainGbdt(train, { maxIterations: 5, maxLeaves: 5, seed: 1 });
    for (const tree of leafy.trees) expect(tree.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(5);
  });

  it('learns where missing values go', () => {
    const data = xor(6_000, 3);
    const a = data.columns[0].values as Float64Array;
    for (let i = 0; i < data.nRows; i += 5) {
      a[i] = NaN;
      data.target[i] = 1; // missing means bad here
    }
    const model = trainGbdt(data, { maxIterations: 40, maxLeaves: 8, seed: 1 });
    const pdMissing = ensemblePd(model, { a: null, b: 0.5, noise: 0 });
    const pdPresent = ensemblePd(model, { a: 0.5, b: 0.5, noise: 0 });
    expect(pdMissing).toBeGreaterThan(0.8);
    expect(pdPresent).toBeLessThan(0.4);
  });

  it('stops early on a validation set and keeps the best iteration', () => {
    const valid = xor(2_000, 4);
    const model = trainGbdt(train, { maxIterations: 400, learningRate: 0.3, maxLeaves: 31, minSamplesLeaf: 5, earlyStoppingRounds: 10, seed: 1 }, valid);
    const losses = model.training.validationLogLoss;
    expect(losses.length).toBeLessThan(400);
    expect(model.trees.length).toBe(model.training.bestIteration + 1);
    expect(Math.min(...losses)).toBe(losses[model.training.bestIteration]);
  });

  it('is deterministic for a seed and scores a row as it scores the dataset', () => {
    const options = { maxIterations: 20, rowFraction: 0.7, featureFraction: 0.67, seed: 9 };
    const first = trainGbdt(train, options);
    const again = trainGbdt(train, options);
    expect(JSON.stringify(again.trees)).toBe(JSON.stringify(first.trees));
    expect(JSON.stringify(trainGbdt(train, { ...options, seed: 10 }).trees)).not.toBe(JSON.stringify(first.trees));
    const pd = predictEnsemble(first, test);
    for (let i = 0; i < 50; i++) expect(ensemblePd(first, rowAt(test, i))).toBeCloseTo(pd[i], 14);
  });
});

describe('random forest', () => {
  it('learns XOR and gives probabilities in [0, 1]', () => {
    const model = trainForest(xor(6_000, 5), { trees: 30, maxDepth: 8, featuresPerNode: 2, seed: 2 });
    const test = xor(3_000, 6);
    const pd = predictEnsemble(model, test);
    expect(auc(test.target, pd)).toBeGreaterThan(0.75);
    for (const p of pd) expect(p >= 0 && p <= 1).toBe(true);
  });
});

describe('German Credit (70/30, seed 2024)', () => {
  const data = loadGermanCredit();
  const split = stratifiedSplit(data.target, 0.3, 2024);
  const train = selectRows(data, split.train);
  const test = selectRows(data, split.test);

  it('boosting beats AUC 0.70 out of sample, with early stopping on a slice of training', () => {
    const inner = stratifiedSplit(train.target, 0.25, 1);
    const options = { learningRate: 0.05, maxLeaves: 4, minSamplesLeaf: 10, featureFraction: 0.5, rowFraction: 0.8, seed: 1 };
    const model = trainGbdt(selectRows(train, inner.train), options, selectRows(train, inner.test));
    expect(auc(test.target, predictEnsemble(model, test))).toBeGreaterThan(0.7);
  });

  it('a forest beats AUC 0.70 too', () => {
    const model = trainForest(train, { trees: 100, minSamplesLeaf: 3, seed: 1 });
    expect(auc(test.target, predictEnsemble(model, test))).toBeGreaterThan(0.7);
  });
});
