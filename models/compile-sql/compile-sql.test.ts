import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { selectRows, type Dataset, type Row } from '../data/frame.ts';
import { loadGermanCredit } from '../data/german-credit.ts';
import { stratifiedSplit } from '../data/split.ts';
import { trainForest } from '../gbdt/forest.ts';
import { trainGbdt } from '../gbdt/boost.ts';
import { compilePdSql, scoreRow, type Model } from '../model/model.ts';
import { trainScorecard } from '../scorecard/train.ts';
import { balancedSum, sqlDouble, sqlString } from './literal.ts';
import { reasonCodesSql } from './reasons-sql.ts';
import { bestPoints } from '../scorecard/reasons.ts';
import { scoreRowDetail } from '../scorecard/score.ts';

const data = loadGermanCredit();
const split = stratifiedSplit(data.target, 0.3, 7);
const train = selectRows(data, split.train);
const test = selectRows(data, split.test);

const models: Record<string, Model> = {
  scorecard: trainScorecard(train, { binning: { perFeature: { credit_amount: { specialValues: [1000] } } } }),
  gbdt: trainGbdt(train, { maxIterations: 60, learningRate: 0.1, maxLeaves: 8, minSamplesLeaf: 10, seed: 3 }),
  forest: trainForest(train, { trees: 20, maxDepth: 6, seed: 3 }),
};

/**
 * The test rows, roughened: every 13th numeric value missing (NULL in SQL), every 17th NaN, every
 * 11th categorical value unseen, one in 19 null, and numeric values moved onto exact bin edges
 * so a `<` / `<=` mix-up would show; and a last row with every feature missing.
 */
function scoringRows(d: Dataset): Row[] {
  const edges = new Map<string, number[]>();
  const collect = (feature: string, values: (number | null | undefined)[]): void => {
    const list = edges.get(feature) ?? [];
    for (const v of values) if (typeof v === 'number') list.push(v);
    edges.set(feature, list);
  };
  const card = models.scorecard;
  if (card.kind === 'scorecard') for (const c of card.characteristics) collect(c.feature, c.binning.bins.map((b) => b.upper));
  for (const m of [models.gbdt, models.forest]) if (m.kind !== 'scorecard') for (const f of m.features) collect(f.feature, f.uppers ?? []);
  const rows = Array.from({ length: d.nRows }, (_, i) => {
    const row: Row = {};
    d.columns.forEach((column, k) => {
      const value = column.values[i];
      if (column.kind === 'numeric') {
        const onEdge = edges.get(column.name) ?? [];
        row[column.name] =
          (i + k) % 13 === 0 ? null : (i + k) % 17 === 0 ? NaN : (i + k) % 5 === 0 && onEdge.length > 0 ? onEdge[(i * 7 + k) % onEdge.length] : (value as number);
      } else {
        row[column.name] = (i + k) % 11 === 0 ? `unseen ${i}` : (i + k) % 19 === 0 ? null : (value as string | null);
      }
    });
    return row;
  });
  rows.push({}); // nothing known at all: every feature missing
  return rows;
}

describe('compiled SQL agrees with the TypeScript scorers', () => {
  let db: Database;
  const rows = scoringRows(test);
  const numeric = test.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);

  beforeAll(async () => {
    db = await Database.open(':memory:');
    // age as BIGINT (no NaN possible there), the other numbers as DOUBLE, categories as VARCHAR.
    const type = (name: string): string => (name === 'age_in_years' ? 'BIGINT' : numeric.includes(name) ? 'DOUBLE' : 'VARCHAR');
    const columns = test.columns.map((c) => c.name);
    await db.run(`CREATE TABLE applicants (row_id INTEGER, ${columns.map((c) => `"${c}" ${type(c)}`).join(', ')})`);
    const values: Record<string, (number | string | null)[]> = { row_id: rows.map((_, i) => i) };
    for (const c of columns) {
      values[c] = rows.map((row) => {
        const v = row[c] ?? null;
        return c === 'age_in_years' && typeof v === 'number' && Number.isNaN(v) ? null : v;
      });
    }
    await db.append('applicants', values);
  });

  afterAll(() => db.close());

  for (const name of Object.keys(models)) {
    it(`${name}: every row within 1e-9`, async () => {
      const model = models[name];
      const sql = compilePdSql(model);
      const result = await db.all<{ row_id: number; pd: number }>(`SELECT row_id, ${sql} AS pd FROM applicants ORDER BY row_id`);
      expect(result).toHaveLength(rows.length);
      expect(result[rows.length - 1].pd).toBeGreaterThan(0);
      let worst = 0;
      for (const { row_id, pd } of result) {
        const row = { ...rows[row_id] };
        if (typeof row.age_in_years === 'number' && Number.isNaN(row.age_in_years)) row.age_in_years = null;
        worst = Math.max(worst, Math.abs(pd - scoreRow(model, row)));
      }
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('scorecard reason codes: at most four, worst first, ties by name, as the points each row lost against the best bin', async () => {
    const card = models.scorecard as Extract<Model, { kind: 'scorecard' }>;
    const sql = reasonCodesSql(card, (feature) => `"${feature}"`);
    const result = await db.all<{ row_id: number; reasons: string }>(`SELECT row_id, ${sql} AS reasons FROM applicants ORDER BY row_id`);
    const best = bestPoints(card);
    let withReasons = 0;
    for (const { row_id, reasons } of result) {
      const row = { ...rows[row_id] };
      if (typeof row.age_in_years === 'number' && Number.isNaN(row.age_in_years)) row.age_in_years = null;
      // The yardstick: each characteristic's loss from the one-row scorer, ranked in TypeScript.
      const lost = scoreRowDetail(card, row).points.map((p, j) => ({ feature: card.characteristics[j].feature, lost: best[j] - p }));
      const expected = lost.filter((r) => r.lost > 1e-9).sort((a, b) => b.lost - a.lost || (a.feature < b.feature ? -1 : 1)).slice(0, 4);
      const got = JSON.parse(reasons) as { feature: string; points_lost: number }[];
      expect(got.map((r) => r.feature)).toEqual(expected.map((r) => r.feature));
      got.forEach((r, k) => expect(Math.abs(r.points_lost - expected[k].lost)).toBeLessThanOrEqual(0.05 + 1e-9));
      if (got.length > 0) withReasons++;
    }
    expect(withReasons).toBeGreaterThan(result.length * 0.9);
  });

});

describe('SQL literals', () => {
  it('writes doubles exactly, strings escaped, and sums balanced', () => {
    expect(Number(sqlDouble(0.1))).toBe(0.1);
    expect(sqlDouble(-2.5)).toBe('-2.5000000000000000e+0');
    expect(() => sqlDouble(Infinity)).toThrow(/finite/);
    expect(sqlString("it's")).toBe("'it''s'");
    expect(balancedSum(['a', 'b', 'c'])).toBe('(a + (b + c))');
  });
});
