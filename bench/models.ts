/**
 * Training speed of the models/ tree ensembles on synthetic credit data (default 200,000 rows ×
 * 40 features), printing rows/s, seconds and the AUC against the known true PD on a holdout.
 * Usage: npm run bench -- models [rows] [features]
 */
import { selectRows, type Dataset } from '../models/data/frame.ts';
import { stratifiedSplit } from '../models/data/split.ts';
import { syntheticCredit } from '../models/data/synthetic.ts';
import { predictEnsemble, trainForest, trainGbdt } from '../models/gbdt/index.ts';
import { auc } from '../models/metrics/auc.ts';

/** Wall seconds can double when other processes share the 2 cores; CPU seconds say what the work cost. */
function report(name: string, trainRows: number, seconds: number, cpuSeconds: number, trees: number, pd: Float64Array, holdout: Dataset, oracle: number): void {
  const a = auc(holdout.target, pd);
  console.log(
    `${name.padEnd(8)} ${seconds.toFixed(2).padStart(7)} s (cpu ${cpuSeconds.toFixed(2)} s)  ${Math.round(trainRows / seconds).toLocaleString('en-US').padStart(10)} rows/s  ` +
      `${String(trees).padStart(4)} trees  ${Math.round((trainRows * trees) / seconds).toLocaleString('en-US').padStart(12)} row-trees/s  AUC ${a.toFixed(4)}  (${(a / oracle).toFixed(4)} × oracle)`,
  );
}

export async function run(args: string[]): Promise<void> {
  const rows = Number(args[0] ?? 200_000);
  const features = Number(args[1] ?? 40);
  const categorical = Math.min(4, Math.floor(features / 10));
  const { data, truePd } = syntheticCredit({ rows: Math.round(rows / 0.8), numeric: features - categorical, categorical, seed: 1 });
  const split = stratifiedSplit(data.target, 0.2, 1);
  const train = selectRows(data, split.train);
  const holdout = selectRows(data, split.test);
  const inner = stratifiedSplit(train.target, 0.1, 2);
  const fit = selectRows(train, inner.train);
  const valid = selectRows(train, inner.test);
  const oracle = auc(holdout.target, Float64Array.from(split.test, (i) => truePd[i]));
  console.log(`data: ${train.nRows} training rows × ${features} features (${categorical} categorical); holdout ${holdout.nRows}; oracle AUC ${oracle.toFixed(4)}`);

  let t = performance.now();
  let cpu = process.cpuUsage();
  const gbdt = trainGbdt(fit, { maxIterations: 100, learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20, seed: 1 }, valid);
  report('gbdt', fit.nRows, (performance.now() - t) / 1000, process.cpuUsage(cpu).user / 1e6, gbdt.trees.length, predictEnsemble(gbdt, holdout), holdout, oracle);

  t = performance.now();
  cpu = process.cpuUsage();
  const forest = trainForest(train, { trees: 50, maxDepth: 12, minSamplesLeaf: 10, seed: 1 });
  report('forest', train.nRows, (performance.now() - t) / 1000, process.cpuUsage(cpu).user / 1e6, forest.trees.length, predictEnsemble(forest, holdout), holdout, oracle);
}
