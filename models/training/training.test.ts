/**
 * The training flow on data no one here generated (German Credit, read by DuckDB from CSV and
 * Parquet), on a fixture warehouse with the truth (out-of-time split, oracle), and on bad input:
 * every refusal is an error naming its cause, never a silent model.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { ensureTables, OUTCOMES } from '../../engine/warehouse/index.ts';
import { GERMAN_CREDIT_CSV } from '../data/german-credit.ts';
import { scoreDataset } from '../model/model.ts';
import { buildFixtureWarehouse } from '../testing/fixture-warehouse.ts';
import { loadFileTable } from './file-source.ts';
import { trainAndEvaluate } from './train-and-evaluate.ts';
import { splitParts } from './split-parts.ts';
import { loadWarehouseTable } from './warehouse-source.ts';

const folder = mkdtempSync(join(tmpdir(), 'capillary-training-'));
let db: Database;
beforeAll(async () => {
  db = await Database.open(join(folder, 'work.duckdb'));
});
afterAll(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

function csv(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('German Credit from a file', () => {
  it('reads categorical and numeric columns, finds the event value and splits at random', async () => {
    const table = await loadFileTable(db, { path: GERMAN_CREDIT_CSV, target: 'creditability' });
    expect(table.positive).toBe('bad');
    expect(table.data.nRows).toBe(1000);
    // 13 categorical attributes; DuckDB reads foreign_worker (yes/no) as a boolean, i.e. 0/1.
    expect(table.data.columns.filter((c) => c.kind === 'categorical')).toHaveLength(12);
    expect(table.data.columns.find((c) => c.name === 'foreign_worker')?.kind).toBe('numeric');
    expect(table.dates).toBeNull();
    const result = trainAndEvaluate(table, { algorithm: 'scorecard', seed: 3 });
    expect(result.split.kind).toBe('random');
    expect(result.split.info.test.bads / result.split.info.test.rows).toBeCloseTo(0.3, 2);
    expect(result.metrics.parts.test.auc).toBeGreaterThan(0.7);
    expect(result.metrics.oracle).toBeNull();
    expect(result.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.dropped.map((d) => d.feature)).toContain('foreign_worker');
  });

  it('gives the same table, fingerprint and model from Parquet as from CSV', async () => {
    const parquet = join(folder, 'german.parquet');
    await db.run(`COPY (SELECT * FROM read_csv($path)) TO '${parquet}' (FORMAT parquet)`, { path: GERMAN_CREDIT_CSV });
    const fromCsv = trainAndEvaluate(await loadFileTable(db, { path: GERMAN_CREDIT_CSV, target: 'creditability' }), { algorithm: 'gbdt', parameters: { maxIterations: 30 } });
    const fromParquet = trainAndEvaluate(await loadFileTable(db, { path: parquet, target: 'creditability' }), { algorithm: 'gbdt', parameters: { maxIterations: 30 } });
    expect(fromParquet.fingerprint).toBe(fromCsv.fingerprint);
    expect(fromParquet.metrics.parts.test.auc).toBe(fromCsv.metrics.parts.test.auc);
  });
});

describe('a file with as-of dates', () => {
  it('splits by date: the test is the latest dates, validation the ones before, never mixed', async () => {
    const lines = ['as_of_date,x,kind,bad'];
    for (let m = 1; m <= 10; m++) for (let i = 0; i < 60; i++) lines.push(`2024-${String(m).padStart(2, '0')}-01,${i},${i % 3 === 0 ? 'a' : 'b'},${(i * 7 + m) % 5 === 0 ? 1 : 0}`);
    const table = await loadFileTable(db, { path: csv('dated.csv', lines.join('\n')), target: 'bad' });
    const result = trainAndEvaluate(table, { algorithm: 'forest', parameters: { trees: 5 } });
    const { train, validation, test } = result.split.info;
    expect(result.split.kind).toBe('time');
    expect([train.from, train.to, validation.from, validation.to, test.from, test.to]).toEqual(['2024-01-01', '2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01']);
    expect(train.rows + validation.rows + test.rows).toBe(600);
    const windowed = await loadFileTable(db, { path: csv('dated2.csv', lines.join('\n')), target: 'bad', from: '2024-03-01', to: '2024-05-01' });
    expect(new Set(windowed.dates)).toEqual(new Set(['2024-03-01', '2024-04-01', '2024-05-01']));
  });
});

describe('the warehouse', () => {
  it('joins features to known outcomes, splits out of time and measures the model against the oracle', async () => {
    const wh = await Database.open(':memory:');
    try {
      await buildFixtureWarehouse(wh, { merchants: 300, dates: ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'] });
      const table = await loadWarehouseTable(wh, { target: 'default_12m' });
      expect(new Set(table.dates)).not.toContain('2024-06-01'); // censored: outcome unknown
      expect(table.data.columns.map((c) => c.name)).not.toContain('merchant_id');
      expect(table.data.columns.filter((c) => /truth|pd_12m|failed/.test(c.name))).toEqual([]); // evaluation only
      expect(table.data.columns.find((c) => c.name === 'segment')?.kind).toBe('categorical');
      const result = trainAndEvaluate(table, { algorithm: 'gbdt', parameters: { maxIterations: 40 } });
      expect(result.split.info.test.from).toBe('2024-05-01');
      // Validation and test merchants never train: a memorised merchant cannot flatter the test.
      const parts = splitParts(table.data.target, table.dates, { seed: 1, entities: table.entities, holdout: 0.2 });
      const trained = new Set(Array.from(parts.train, (i) => table.entities![i]));
      expect(Array.from(parts.test, (i) => table.entities![i]).filter((id) => trained.has(id))).toEqual([]);
      expect(parts.test.length / 300).toBeGreaterThan(0.1);
      expect(parts.test.length / 300).toBeLessThan(0.3);
      expect(result.split).toMatchObject({ holdout: 0.2, info: { train: { rows: parts.train.length }, test: { rows: parts.test.length } } });
      const oracle = result.metrics.oracle!.test;
      expect(oracle.coverage).toBe(1);
      expect(oracle.oracle.auc).toBeGreaterThan(0.7);
      expect(oracle.aucRatio).toBeGreaterThan(0.85);
      expect(oracle.aucRatio).toBeCloseTo(oracle.modelAuc / oracle.oracle.auc, 12);
      expect(oracle.trueEvent).not.toBeNull();
      expect(result.metrics.psi.verdict).toBe('stable');
      expect(result.metrics.csi.map((c) => c.feature)).toContain('turnover_30d_fen');
      const test = await loadWarehouseTable(wh, { from: '2024-05-01', to: '2024-05-01', target: 'default_12m' });
      expect(Array.from(scoreDataset(result.model, test.data)).every((p) => p > 0 && p < 1)).toBe(true);
      await expect(loadWarehouseTable(wh, { from: '2024-06-01', to: '2024-07-01' })).rejects.toThrow(
        /training window 2024-06-01 to 2024-07-01 is empty.*exist as of 2024-01-01 to 2024-05-01 \(5 dates\)/,
      );
    } finally {
      wh.close();
    }
  });

  it('trains a bank’s own warehouse, whose truth tables are empty, with no oracle; a listed default makes default_12m the target', async () => {
    const wh = await Database.open(':memory:');
    try {
      await buildFixtureWarehouse(wh, { merchants: 300, dates: ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'] });
      await wh.run('DELETE FROM truth.truth_months; DELETE FROM truth.truth_merchants');
      const table = await loadWarehouseTable(wh);
      expect(table.target).toBe('is_exit_12m');
      expect(table.truth).toBeNull();
      expect(trainAndEvaluate(table, { algorithm: 'scorecard' }).metrics.oracle).toBeNull();
      await ensureTables(wh, [OUTCOMES]);
      await wh.run(`INSERT INTO outcomes VALUES ('M00000001', DATE '2024-03-05', 'closure', 1)`);
      expect((await loadWarehouseTable(wh)).target).toBe('is_exit_12m'); // a closure says nothing of defaults
      await wh.run(`INSERT INTO outcomes VALUES ('M00000002', DATE '2024-03-05', 'default', 1)`);
      expect((await loadWarehouseTable(wh)).target).toBe('default_12m');
    } finally {
      wh.close();
    }
  });

  it('says which command builds the tables when they are missing', async () => {
    const empty = await Database.open(':memory:');
    await expect(loadWarehouseTable(empty)).rejects.toThrow(/has no features table yet; build it with `capillary run/);
    empty.close();
  });
});

describe('bad input', () => {
  const header = 'x,y,kind,bad';
  const rows = (n: number, f: (i: number) => string) => [header, ...Array.from({ length: n }, (_, i) => f(i))].join('\n');
  const cases: [string, string, RegExp, { target?: string; positive?: string }?][] = [
    ['an unknown target', rows(50, (i) => `${i},1,a,${i % 2}`), /target column default not found; the columns are: x, y, kind, bad/, { target: 'default' }],
    ['a single class', rows(50, (i) => `${i},1,a,0`), /single class/],
    ['a target that is not binary', rows(50, (i) => `${i},1,a,${i % 3}`), /target bad is not binary: 3 distinct values/],
    ['a target whose event cannot be told', rows(50, (i) => `${i},1,a,${i % 2 ? 'red' : 'blue'}`), /cannot tell which value of target bad is the event.*--positive/],
    ['an event value never seen', rows(50, (i) => `${i},1,a,${i % 2}`), /never takes the event value 'yes'/, { positive: 'yes' }],
    ['missing target values', rows(50, (i) => `${i},1,a,${i % 5 === 0 ? '' : i % 2}`), /target bad is missing on 10 rows/],
    // A CSV's NaN is a missing value (as R and pandas write it); infinities are still refused.
    ['infinite values', rows(50, (i) => `${i === 3 ? 'NaN' : i === 4 ? 'inf' : i},${i === 5 ? '-inf' : i / 2},a,${i % 2}`), /NaN or infinite values: x \(1 infinite\); y \(1 infinite\)/],
    ['an empty file', header, /has no rows/],
  ];
  for (const [what, text, message, opts] of cases) {
    it(`refuses ${what}`, async () => {
      const path = csv(`${what.replace(/\W+/g, '-')}.csv`, text);
      const run = async () => trainAndEvaluate(await loadFileTable(db, { path, target: opts?.target ?? 'bad', positive: opts?.positive }), { algorithm: 'scorecard' });
      await expect(run()).rejects.toThrow(message);
    });
  }

  it('drops constant and all-missing features with their reason, and refuses when none is left', async () => {
    const path = csv('useless.csv', rows(200, (i) => `7,,${i % 2 ? 'a' : 'b'},${(i * 13) % 7 < 2 ? 1 : 0}`));
    const table = await loadFileTable(db, { path, target: 'bad' });
    const result = trainAndEvaluate(table, { algorithm: 'gbdt', parameters: { maxIterations: 5 } });
    expect(result.dropped).toEqual(expect.arrayContaining([
      { feature: 'x', reason: 'constant on the training rows (always 7)' },
      { feature: 'y', reason: 'missing on every training row' },
    ]));
    expect(result.features).toEqual(['kind']);
    const hopeless = csv('hopeless.csv', rows(200, (i) => `7,,a,${i % 4 === 0 ? 1 : 0}`));
    await expect(async () => trainAndEvaluate(await loadFileTable(db, { path: hopeless, target: 'bad' }), { algorithm: 'scorecard' })).rejects.toThrow(/no usable feature in the training rows: x \(constant.*y \(missing on every training row\); kind \(constant/);
  });

  it('refuses a test part with one class, naming its dates', async () => {
    const lines = ['as_of_date,x,bad', ...Array.from({ length: 300 }, (_, i) => `2024-0${1 + Math.floor(i / 60)}-01,${i},${i < 240 && i % 4 === 0 ? 1 : 0}`)];
    const table = await loadFileTable(db, { path: csv('late-goods.csv', lines.join('\n')), target: 'bad' });
    expect(() => trainAndEvaluate(table, { algorithm: 'scorecard' })).toThrow(/out-of-time test part \(as of 2024-05-01 to 2024-05-01\) has 60 rows and 0 bads/);
  });

  it('refuses an unknown parameter', async () => {
    const table = await loadFileTable(db, { path: GERMAN_CREDIT_CSV, target: 'creditability' });
    expect(() => trainAndEvaluate(table, { algorithm: 'gbdt', parameters: { depth: 3 } })).toThrow(/gbdt has no parameter 'depth'/);
  });
});
