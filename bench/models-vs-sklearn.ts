/**
 * Our histogram GBDT against scikit-learn's HistGradientBoostingClassifier on the same exported
 * matrix, in the same run: test AUC side by side (with the oracle's when the truth is known) and
 * training seconds, with the ratios the issue sets targets for (AUC within 0.005, time at most
 * 10×). Both fit the same fixed number of trees with the same learning rate, leaves, minimum
 * leaf size, L2 and 255 bins; categorical columns are integer codes that both treat as
 * categories. The matrix is written as CSV (what Debian's numpy reads without pandas).
 *
 * Data: synthetic credit rows with a known PD (default 200,000 training rows × 40 features), or
 * a warehouse's training set split by as-of date (--db FILE [--target is_exit_12m]); with a
 * warehouse it also prints the training flow's out-of-time figures for the scorecard and the
 * gbdt against the oracle (targets 0.95× and 0.97×) and their calibration (8 deciles of 10),
 * beside the ceiling a model reaches when it sees the simulator's hidden health states
 * (bench/_state-ceiling.ts): the share of the oracle that observation can reach at all.
 * With --data FILE --target COLUMN (a real table, e.g. ../shared/data/germancredit.csv) both
 * sides get the training flow's own random stratified split: our scorecard and gbdt as
 * `capillary train` fits them, next to sklearn's HistGradientBoosting and a logistic regression
 * on one-hot categories (sklearn's nearest thing to a scorecard), all tested on the same rows.
 * Usage: npm run bench -- models-vs-sklearn [--rows N] [--features F] [--trees T] [--db FILE] [--target LABEL]
 *        npm run bench -- models-vs-sklearn --data FILE --target COLUMN [--positive VALUE]
 * Installs python3-sklearn with apt-get when /usr/bin/python3 lacks it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../engine/db/index.ts';
import { selectRows, type Dataset } from '../models/data/frame.ts';
import { syntheticCredit } from '../models/data/synthetic.ts';
import { trainGbdt } from '../models/gbdt/boost.ts';
import { auc } from '../models/metrics/auc.ts';
import { scoreDataset } from '../models/model/model.ts';
import { loadFileTable } from '../models/training/file-source.ts';
import { splitParts, type Parts } from '../models/training/split-parts.ts';
import { align } from '../models/training/format-report.ts';
import type { LabelledTable } from '../models/training/labelled-table.ts';
import { trainAndEvaluate } from '../models/training/train-and-evaluate.ts';
import { loadWarehouseTable, type WarehouseTarget } from '../models/training/warehouse-source.ts';
import { stateCeiling, type StateCeiling } from './_state-ceiling.ts';

const PYTHON = '/usr/bin/python3';

interface Matrix {
  train: Dataset;
  test: Dataset;
  /** The true PD of the test rows, when known. */
  oracle: Float64Array | null;
  description: string;
  /** The warehouse table, for the out-of-time figures of the full training flow. */
  table?: LabelledTable;
  ceiling?: StateCeiling | null;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { rows: { type: 'string' }, features: { type: 'string' }, trees: { type: 'string' }, db: { type: 'string' }, target: { type: 'string' }, data: { type: 'string' }, positive: { type: 'string' } },
  });
  const trees = Number(values.trees ?? 200);
  ensureSklearn();
  const folder = mkdtempSync(join(tmpdir(), 'capillary-bench-sklearn-'));
  try {
    if (values.data) return await fileFigures(values.data, String(values.target), values.positive, folder);
    const matrix = values.db ? await warehouseMatrix(values.db, values.target as WarehouseTarget | undefined) : syntheticMatrix(Number(values.rows ?? 200_000), Number(values.features ?? 40));
    console.log(`data: ${matrix.description}`);
    const categorical = await exportMatrix(matrix, folder);
    const params = { learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20, lambda: 1, maxBins: 255 };

    const started = performance.now();
    const model = trainGbdt(matrix.train, { ...params, maxIterations: trees, earlyStoppingRounds: trees, seed: 1 });
    const ours = { seconds: (performance.now() - started) / 1000, auc: auc(matrix.test.target, scoreDataset(model, matrix.test)), trees: model.trees.length };

    const sk = sklearn(folder, categorical, trees, params);
    const oracle = matrix.oracle ? auc(matrix.test.target, matrix.oracle) : null;
    const line = (name: string, r: { seconds: number; auc: number; trees: number }) =>
      `${name.padEnd(34)} ${r.seconds.toFixed(2).padStart(8)} s  ${String(r.trees).padStart(4)} trees  test AUC ${r.auc.toFixed(4)}${oracle ? `  (${(r.auc / oracle).toFixed(4)} × oracle)` : ''}`;
    console.log(line('capillary gbdt', ours));
    console.log(line(`sklearn HistGradientBoosting ${sk.version}`, sk));
    if (oracle) console.log(`${'oracle (true PD)'.padEnd(34)} ${''.padStart(24)}  test AUC ${oracle.toFixed(4)}`);
    const gap = ours.auc - sk.auc;
    const ratio = ours.seconds / sk.seconds;
    console.log(`AUC difference ${gap >= 0 ? '+' : ''}${gap.toFixed(4)} (target within ±0.005: ${Math.abs(gap) <= 0.005 ? 'met' : 'missed'}); ` +
      `training time ${ratio.toFixed(2)}× sklearn's (target at most 10×: ${ratio <= 10 ? 'met' : 'missed'})`);
    if (matrix.table) outOfTimeFigures(matrix.table, matrix.ceiling ?? null);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The training flow's own figures (train / validation / out-of-time test, early stopping) for both models. */
function outOfTimeFigures(table: LabelledTable, ceiling: StateCeiling | null): void {
  console.log('\nthe training flow (capillary train), out-of-time test:');
  const rows = [['model', 'AUC', 'oracle AUC', 'model/oracle', 'target', 'on true failures', 'deciles calibrated', 'train s']];
  for (const [algorithm, target] of [['scorecard', 0.95], ['gbdt', 0.97]] as const) {
    const result = trainAndEvaluate(table, { algorithm });
    const test = result.metrics.parts.test;
    const oracle = result.metrics.oracle?.test;
    rows.push([
      algorithm,
      test.auc.toFixed(4),
      oracle ? oracle.oracle.auc.toFixed(4) : '-',
      oracle ? oracle.aucRatio.toFixed(4) : '-',
      oracle ? `≥ ${target} ${oracle.aucRatio >= target ? 'met' : 'missed'}` : '-',
      oracle?.trueEvent ? `${oracle.trueEvent.modelAuc.toFixed(4)} / ${oracle.trueEvent.oracleAuc.toFixed(4)} = ${oracle.trueEvent.aucRatio.toFixed(4)}` : '-',
      `${test.calibration.groupsInside}/10 (target ≥ 8: ${test.calibration.groupsInside >= 8 ? 'met' : 'missed'})`,
      result.trainingSeconds.toFixed(1),
    ]);
  }
  if (ceiling) {
    rows.push(['state ceiling', ceiling.auc.toFixed(4), ceiling.oracleAuc.toFixed(4), ceiling.ratio.toFixed(4), 'sees the hidden states', '-', '-', `${ceiling.trees} trees`]);
  }
  console.log(align(rows).join('\n'));
  if (ceiling) console.log(`no model of observed data can pass the state ceiling's ${ceiling.ratio.toFixed(4)} × oracle by much: the oracle also knows each merchant's hidden frailty`);
}

/** A real table: the training flow's split, our two models as `capillary train` fits them, and sklearn's two on the same rows. */
async function fileFigures(path: string, target: string, positive: string | undefined, folder: string): Promise<void> {
  const db = await Database.open(':memory:');
  const table = await loadFileTable(db, { path, target, positive }).finally(() => db.close());
  for (const note of table.notes ?? []) console.log(note);
  const rows = [['model', 'test AUC', 'trained on', 'notes']];
  // The split trainAndEvaluate makes, so that sklearn trains and is tested on the same rows.
  const parts: Parts = splitParts(table.data.target, table.dates, { holdout: 0.2, seed: 1, entities: table.entities });
  for (const algorithm of ['scorecard', 'gbdt'] as const) {
    const result = trainAndEvaluate(table, { algorithm, seed: 1 });
    rows.push([`capillary ${algorithm}`, result.metrics.parts.test.auc.toFixed(4), `${result.split.info.train.rows} rows`, result.notes.at(-1) ?? '']);
  }
  const matrix: Matrix = {
    train: selectRows(table.data, parts.train),
    test: selectRows(table.data, parts.test),
    oracle: null,
    description: `${path}: ${parts.train.length} training rows, ${parts.test.length} test rows (the training flow's random stratified split, seed 1)`,
  };
  console.log(`data: ${matrix.description}`);
  const categorical = await exportMatrix(matrix, folder);
  const params = { learningRate: 0.1, maxLeaves: 31, minSamplesLeaf: 20, lambda: 1, maxBins: 255 };
  const fixed = trainGbdt(matrix.train, { ...params, maxIterations: 100, earlyStoppingRounds: 100, seed: 1 });
  rows.push(['capillary gbdt, 100 trees, no early stopping', auc(matrix.test.target, scoreDataset(fixed, matrix.test)).toFixed(4), `${parts.train.length} rows`, '']);
  const sk = sklearn(folder, categorical, 100, params);
  rows.push([`sklearn HistGradientBoosting ${sk.version}, 100 trees`, sk.auc.toFixed(4), `${parts.train.length} rows`, 'early_stopping=False']);
  const logistic = sklearnLogistic(folder, categorical);
  rows.push(['sklearn LogisticRegression, one-hot categories', logistic.auc.toFixed(4), `${parts.train.length} rows`, 'median-imputed, standardised numbers']);
  console.log(align(rows).join('\n'));
}

const LOGISTIC_SCRIPT = `
import json, sys
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
folder, categorical = sys.argv[1], json.loads(sys.argv[2])
train = np.loadtxt(folder + '/train.csv', delimiter=',')
test = np.loadtxt(folder + '/test.csv', delimiter=',')
numeric = [k for k in range(train.shape[1] - 1) if k not in categorical]
prep = ColumnTransformer([
  ('cat', make_pipeline(SimpleImputer(strategy='constant', fill_value=-1), OneHotEncoder(handle_unknown='ignore')), categorical),
  ('num', make_pipeline(SimpleImputer(strategy='median'), StandardScaler()), numeric)])
model = make_pipeline(prep, LogisticRegression(max_iter=2000))
model.fit(train[:, :-1], train[:, -1])
print(json.dumps({'auc': roc_auc_score(test[:, -1], model.predict_proba(test[:, :-1])[:, 1])}))
`;

function sklearnLogistic(folder: string, categorical: number[]): { auc: number } {
  const result = spawnSync(PYTHON, ['-c', LOGISTIC_SCRIPT, folder, JSON.stringify(categorical)], { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
  if (result.status !== 0) throw new Error(`scikit-learn failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { auc: number };
}

function syntheticMatrix(rows: number, features: number): Matrix {
  const categorical = Math.min(4, Math.floor(features / 10));
  const total = Math.round(rows / 0.8);
  const { data, truePd } = syntheticCredit({ rows: total, numeric: features - categorical, categorical, seed: 1 });
  const parts = splitParts(data.target, null, { testShare: 0.2, validationShare: 0, seed: 1 });
  return {
    train: selectRows(data, parts.train),
    test: selectRows(data, parts.test),
    oracle: Float64Array.from(parts.test, (i) => truePd[i]),
    description: `synthetic credit, ${parts.train.length.toLocaleString('en-US')} training rows × ${features} features (${categorical} categorical), ${parts.test.length.toLocaleString('en-US')} test rows, random split`,
  };
}

async function warehouseMatrix(path: string, target?: WarehouseTarget): Promise<Matrix> {
  const db = await Database.open(path, { readOnly: true });
  try {
    const table = await loadWarehouseTable(db, { target });
    const ceiling = await stateCeiling(db, table);
    // The training flow's split: 20% of merchants never train and supply the out-of-time test.
    const parts = splitParts(table.data.target, table.dates, { entities: table.entities, holdout: 0.2 });
    const train = selectRows(table.data, parts.train);
    const test = selectRows(table.data, parts.test);
    const oracle = table.truth ? Float64Array.from(parts.test, (i) => table.truth!.pd[i]) : null;
    const known = oracle && oracle.every((p) => !Number.isNaN(p)) ? oracle : null;
    const { info } = parts;
    return {
      table,
      ceiling,
      train,
      test,
      oracle: known,
      description: `warehouse ${path}, target ${table.target}: train ${info.train.from}..${info.train.to} (${info.train.rows.toLocaleString('en-US')} rows, ${info.train.bads} bads), ` +
        `out-of-time test ${info.test.from}..${info.test.to} on held-out merchants (${info.test.rows.toLocaleString('en-US')} rows, ${info.test.bads} bads), ${train.columns.length} features`,
    };
  } finally {
    db.close();
  }
}

/** Writes train.csv and test.csv (categories as integer codes, missing as nan); returns the categorical column indices. */
async function exportMatrix(matrix: Matrix, folder: string): Promise<number[]> {
  const db = await Database.open(':memory:');
  try {
    const columns = matrix.train.columns;
    const codes = columns.map((c) => (c.kind === 'categorical' ? [...new Set(c.values.filter((v): v is string => v !== null))].sort() : null));
    for (const [name, data] of [['train', matrix.train], ['test', matrix.test]] as const) {
      await db.run(`CREATE OR REPLACE TABLE m (${columns.map((_, k) => `c${k} DOUBLE`).join(', ')}, y DOUBLE)`);
      const values: Record<string, (number | null)[]> = { y: Array.from(data.target) };
      columns.forEach((c, k) => {
        const column = data.columns.find((d) => d.name === c.name)!;
        const lookup = codes[k];
        values[`c${k}`] = lookup
          ? (column.values as (string | null)[]).map((v) => (v === null || !lookup.includes(v) ? null : lookup.indexOf(v)))
          : Array.from(column.values as Float64Array, (v) => (Number.isNaN(v) ? null : v));
      });
      await db.append('m', values);
      await db.run(`COPY m TO '${join(folder, `${name}.csv`)}' (HEADER false, NULLSTR 'nan')`);
    }
    return codes.flatMap((c, k) => (c ? [k] : []));
  } finally {
    db.close();
  }
}

const SCRIPT = `
import json, sys, time
import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
folder, categorical, trees, lr, leaves, min_leaf, l2, bins = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
train = np.loadtxt(folder + '/train.csv', delimiter=',')
test = np.loadtxt(folder + '/test.csv', delimiter=',')
mask = np.zeros(train.shape[1] - 1, dtype=bool)
mask[categorical] = True
model = HistGradientBoostingClassifier(learning_rate=lr, max_iter=trees, max_leaf_nodes=leaves, min_samples_leaf=min_leaf,
    l2_regularization=l2, max_bins=bins, early_stopping=False, categorical_features=mask if categorical else None, random_state=1)
started = time.perf_counter()
model.fit(train[:, :-1], train[:, -1])
seconds = time.perf_counter() - started
print(json.dumps({'seconds': seconds, 'auc': roc_auc_score(test[:, -1], model.predict_proba(test[:, :-1])[:, 1]), 'trees': int(model.n_iter_), 'version': sklearn.__version__}))
`;

function sklearn(folder: string, categorical: number[], trees: number, p: { learningRate: number; maxLeaves: number; minSamplesLeaf: number; lambda: number; maxBins: number }) {
  // sklearn's max_bins counts value bins; missing values get a bin of their own, as bin 0 is ours.
  const args = [folder, JSON.stringify(categorical), trees, p.learningRate, p.maxLeaves, p.minSamplesLeaf, p.lambda, p.maxBins - 1].map(String);
  // OpenMP threads spin while they wait; on a shared 2-core machine that turns a 2 s fit into a
  // minute. Passive waiting keeps sklearn's two threads and measures its real speed.
  const result = spawnSync(PYTHON, ['-c', SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
  if (result.status !== 0) throw new Error(`scikit-learn failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { seconds: number; auc: number; trees: number; version: string };
}

/** Debian's python3-sklearn for /usr/bin/python3 (the python3 on PATH may be another one). */
function ensureSklearn(): void {
  if (spawnSync(PYTHON, ['-c', 'import sklearn, numpy']).status === 0) return;
  console.log('installing python3-sklearn (apt-get) ...');
  const install = spawnSync('apt-get', ['install', '-y', 'python3-sklearn'], { stdio: 'inherit' });
  if (install.status !== 0 || spawnSync(PYTHON, ['-c', 'import sklearn, numpy']).status !== 0) {
    throw new Error('scikit-learn is not available for /usr/bin/python3 and apt-get could not install python3-sklearn');
  }
}
