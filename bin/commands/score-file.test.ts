/** `capillary score --data FILE`: a data scientist's table scored by a registered model or a model file. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { GERMAN_CREDIT_CSV } from '../../models/data/german-credit.ts';
import { parseModel, scoreRow } from '../../models/model/model.ts';
import { getModel } from '../../models/registry/index.ts';
import { capillary } from '../testing/run-capillary.ts';

let dir: string;
let registry: string;
let scorecardId: string;
let gbdtFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capillary-score-file-'));
  registry = join(dir, 'registry.duckdb');
  const trained = await capillary('train', '--data', GERMAN_CREDIT_CSV, '--target', 'creditability', '--positive', 'bad', '--algorithm', 'scorecard', '--db', registry);
  expect(trained.code, trained.stderr).toBe(0);
  scorecardId = /registered as (\S+)/.exec(trained.stdout)![1];
  gbdtFile = join(dir, 'gbdt.json');
  const gbdt = await capillary('train', '--data', GERMAN_CREDIT_CSV, '--target', 'creditability', '--positive', 'bad', '--algorithm', 'gbdt', '--param', 'maxIterations=40', '--out', gbdtFile);
  expect(gbdt.code, gbdt.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readScored(path: string): Promise<Record<string, string | number | null>[]> {
  const db = await Database.open();
  try {
    return await db.all(`SELECT * FROM read_parquet($p)`, { p: path });
  } finally {
    db.close();
  }
}

describe('capillary score --data', () => {
  it('writes every row with its PD, points and reason codes, the same PD the model gives one row', async () => {
    const out = join(dir, 'scored.parquet');
    const result = await capillary('score', '--data', GERMAN_CREDIT_CSV, '--model', scorecardId, '--db', registry, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const rows = await readScored(out);
    expect(rows.length).toBe(1000);
    const db = await Database.open(registry);
    const { model } = await getModel(db, scorecardId).finally(() => db.close());
    for (const row of rows.slice(0, 50)) {
      expect(row.pd as number).toBeCloseTo(scoreRow(model, row as Record<string, string | number | null>), 12);
      expect(typeof row.score).toBe('number');
      const reasons = JSON.parse(row.reason_codes as string) as { feature: string; points_lost: number }[];
      expect(reasons.length).toBeLessThanOrEqual(4);
      for (const reason of reasons) expect(reason.points_lost).toBeGreaterThan(0);
    }
    expect(rows[0]).toMatchObject({ duration_in_month: 6, creditability: 'good' });
  });

  it('scores with a model file; tree ensembles give no points and no reasons', async () => {
    const out = join(dir, 'scored-gbdt.parquet');
    const result = await capillary('score', '--data', GERMAN_CREDIT_CSV, '--model', gbdtFile, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const rows = await readScored(out);
    const model = parseModel(readFileSync(gbdtFile, 'utf8'));
    expect(rows[7].pd as number).toBeCloseTo(scoreRow(model, rows[7] as Record<string, string | number | null>), 12);
    expect(rows[7]).toMatchObject({ score: null, reason_codes: '[]' });
  });

  it('names the bad option, exits 2 and leaves no file behind', async () => {
    const lacking = join(dir, 'lacking.csv');
    writeFileSync(lacking, 'age_in_years,purpose\n30,car (new)\n');
    const out = join(dir, 'never.parquet');
    const cases: [string[], RegExp][] = [
      [['--data', GERMAN_CREDIT_CSV, '--model', scorecardId, '--db', registry], /--out FILE.parquet is required/],
      [['--data', join(dir, 'nope.csv'), '--model', scorecardId, '--db', registry, '--out', out], /--data: .*nope.csv does not exist/],
      [['--data', GERMAN_CREDIT_CSV, '--model', 'no-such-model', '--db', registry, '--out', out], /--model: no model no-such-model in the registry/],
      [['--data', GERMAN_CREDIT_CSV, '--model', scorecardId, '--db', join(dir, 'nowhere.duckdb'), '--out', out], /--db: .*nowhere.duckdb does not exist/],
      [['--data', lacking, '--model', scorecardId, '--db', registry, '--out', out], /--data: .*lacking.csv lacks the model's features .*duration_in_month/],
      [['--data', GERMAN_CREDIT_CSV, '--model', scorecardId, '--db', registry, '--out', join(dir, 'scored.csv')], /--out: write to a .parquet file/],
    ];
    for (const [args, message] of cases) {
      const result = await capillary('score', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'nowhere.duckdb'))).toBe(false);
  });
});
