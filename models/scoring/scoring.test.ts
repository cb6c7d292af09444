/**
 * Scoring a warehouse date: the compiled tree program gives exactly the one-row scorer's PD for
 * every merchant (missing values, unseen categories and values on split edges included), the
 * SQL method agrees to 1e-9, a rerun replaces the date's slice, and bad requests say why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { selectRows, type Row } from '../data/frame.ts';
import { loadGermanCredit } from '../data/german-credit.ts';
import { stratifiedSplit } from '../data/split.ts';
import { trainForest } from '../gbdt/forest.ts';
import { trainGbdt } from '../gbdt/boost.ts';
import { scoreRow, type Model } from '../model/model.ts';
import { scoreRowDetail } from '../scorecard/score.ts';
import { trainScorecard } from '../scorecard/train.ts';
import { scoreWarehouse } from './score-warehouse.ts';

const data = loadGermanCredit();
const split = stratifiedSplit(data.target, 0.3, 11);
const train = selectRows(data, split.train);
const models: Record<string, Model> = {
  gbdt: trainGbdt(train, { maxIterations: 60, maxLeaves: 12, minSamplesLeaf: 10, seed: 5 }),
  forest: trainForest(train, { trees: 25, maxDepth: 7, seed: 5 }),
  scorecard: trainScorecard(train),
};
const folder = mkdtempSync(join(tmpdir(), 'capillary-scoring-'));
let db: Database;
let rows: (Row & { merchant_id: string })[];

/** Every merchant is a German Credit row, roughened so each path meets its hard cases. */
function merchants(): (Row & { merchant_id: string })[] {
  const gbdt = models.gbdt.kind === 'gbdt' ? models.gbdt : null;
  return Array.from({ length: data.nRows }, (_, i) => {
    const row: Row & { merchant_id: string } = { merchant_id: `M${String(i + 1).padStart(8, '0')}` };
    data.columns.forEach((column, k) => {
      const value = column.values[i];
      if (column.kind === 'numeric') {
        const edges = gbdt?.features.find((f) => f.feature === column.name)?.uppers ?? [];
        row[column.name] = (i + k) % 13 === 0 ? null : (i + k) % 7 === 0 && edges.length > 0 ? edges[(i * 3 + k) % edges.length] : (value as number);
      } else {
        row[column.name] = (i + k) % 11 === 0 ? `unseen ${i % 3}` : (i + k) % 17 === 0 ? null : (value as string);
      }
    });
    return row;
  });
}

beforeAll(async () => {
  db = await Database.open(join(folder, 'warehouse.duckdb'));
  rows = merchants();
  const columns = data.columns.map((c) => `"${c.name}" ${c.kind === 'numeric' ? 'DOUBLE' : 'VARCHAR'}`);
  await db.run(`CREATE TABLE features (merchant_id VARCHAR, as_of_date DATE, ${columns.join(', ')})`);
  const values: Record<string, (string | number | null)[]> = { merchant_id: rows.map((r) => r.merchant_id), as_of_date: rows.map(() => '2025-03-01') };
  for (const c of data.columns) values[c.name] = rows.map((r) => (r[c.name] ?? null) as string | number | null);
  await db.append('features', values);
});
afterAll(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

async function scores(modelId: string): Promise<Map<string, { pd: number; score: number | null }>> {
  const stored = await db.all<{ merchant_id: string; pd: number; score: number | null }>(
    "SELECT merchant_id, pd, score FROM scores WHERE as_of_date = '2025-03-01' AND model_id = $id",
    { id: modelId },
  );
  return new Map(stored.map((s) => [s.merchant_id, s]));
}

describe('scoring a warehouse date', () => {
  for (const name of ['gbdt', 'forest']) {
    it(`${name}: the compiled tree program equals the one-row scorer for every merchant, to the bit`, async () => {
      const run = await scoreWarehouse(db, name, models[name], { asOfDate: '2025-03-01' });
      expect(run).toMatchObject({ method: 'typescript', rows: data.nRows });
      const stored = await scores(name);
      for (const row of rows) expect(stored.get(row.merchant_id)!.pd).toBe(scoreRow(models[name], row));
    });

    it(`${name}: the nested-CASE SQL agrees to 1e-9`, async () => {
      await scoreWarehouse(db, `${name}-sql`, models[name], { asOfDate: '2025-03-01', method: 'sql' });
      const stored = await scores(`${name}-sql`);
      for (const row of rows) expect(Math.abs(stored.get(row.merchant_id)!.pd - scoreRow(models[name], row))).toBeLessThan(1e-9);
    });
  }

  it('scorecard: PD and points from SQL agree with the one-row scorer to 1e-9', async () => {
    const run = await scoreWarehouse(db, 'card', models.scorecard, { asOfDate: '2025-03-01' });
    expect(run.method).toBe('sql');
    const stored = await scores('card');
    for (const row of rows) {
      const detail = scoreRowDetail(models.scorecard as Extract<Model, { kind: 'scorecard' }>, row);
      expect(Math.abs(stored.get(row.merchant_id)!.pd - detail.pd)).toBeLessThan(1e-9);
      expect(Math.abs(stored.get(row.merchant_id)!.score! - detail.score)).toBeLessThan(1e-9);
    }
  });

  it("replaces the model's slice of the date on a rerun, keeps other models' scores, and logs every run", async () => {
    const before = await db.one<{ n: number }>('SELECT count(*) AS n FROM score_runs');
    await scoreWarehouse(db, 'gbdt', models.gbdt, { asOfDate: '2025-03-01' });
    const count = await db.all<{ model_id: string; n: number }>("SELECT model_id, count(*) AS n FROM scores WHERE as_of_date = '2025-03-01' GROUP BY 1 ORDER BY 1");
    expect(count.map((c) => [c.model_id, Number(c.n)])).toEqual(['card', 'forest', 'forest-sql', 'gbdt', 'gbdt-sql'].map((m) => [m, data.nRows]));
    expect(Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM score_runs'))!.n)).toBe(Number(before!.n) + 1);
  });

  it('says what is missing: the date, or a feature', async () => {
    await expect(scoreWarehouse(db, 'gbdt', models.gbdt, { asOfDate: '2025-04-01' })).rejects.toThrow(/no features as of 2025-04-01 to score.*the latest are 2025-03-01/);
    await db.run('ALTER TABLE features RENAME COLUMN purpose TO purpose_text');
    try {
      await expect(scoreWarehouse(db, 'gbdt', models.gbdt, { asOfDate: '2025-03-01' })).rejects.toThrow(/model gbdt reads features the warehouse lacks: purpose/);
    } finally {
      await db.run('ALTER TABLE features RENAME COLUMN purpose_text TO purpose');
    }
  });
});
