/**
 * Drift measured in DuckDB on the reference profile's bins: a population compared with itself
 * shows no drift at all (so the SQL counts are exactly the profile's), and a feature pushed out
 * of its range is flagged as a shift while the others stay stable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { scoreDataset } from '../model/model.ts';
import { scoreWarehouse } from '../scoring/score-warehouse.ts';
import { buildFixtureWarehouse } from '../testing/fixture-warehouse.ts';
import { trainAndEvaluate } from '../training/train-and-evaluate.ts';
import { loadWarehouseTable } from '../training/warehouse-source.ts';
import { latestScoredDate, measureDrift } from './drift.ts';
import { profilePopulation } from './profile.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  await buildFixtureWarehouse(db, { merchants: 400, dates: ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'] });
});
afterAll(() => db.close());

describe('drift', () => {
  it('is zero for a population compared with itself, feature by feature', async () => {
    const result = trainAndEvaluate(await loadWarehouseTable(db), { algorithm: 'gbdt', parameters: { maxIterations: 30 } });
    const march = await loadWarehouseTable(db, { from: '2024-03-01', to: '2024-03-01' });
    expect(march.data.nRows).toBe(400);
    const reference = profilePopulation(march.data, scoreDataset(result.model, march.data), result.features);
    expect(await latestScoredDate(db, 'm')).toBeNull();
    await scoreWarehouse(db, 'm', result.model, { asOfDate: '2024-03-01' });
    expect(await latestScoredDate(db, 'm')).toBe('2024-03-01');
    const drift = await measureDrift(db, 'm', reference, '2024-03-01');
    expect(drift.rows).toBe(400);
    expect(drift.psi.index).toBe(0);
    expect(drift.csi.map((c) => [c.feature, c.index])).toEqual(result.features.map((f) => [f, 0]));
  });

  it("flags a feature that left its training range and leaves the others stable", async () => {
    const result = trainAndEvaluate(await loadWarehouseTable(db), { algorithm: 'scorecard' });
    const moved = result.reference.features.find((f) => f.type === 'numeric')!.feature;
    await db.run(`UPDATE features SET "${moved}" = "${moved}" * 1000 + 1e9 WHERE as_of_date = '2024-06-01'`);
    await scoreWarehouse(db, 's', result.model, { asOfDate: '2024-06-01' });
    const drift = await measureDrift(db, 's', result.reference, '2024-06-01');
    const verdicts = Object.fromEntries(drift.csi.map((c) => [c.feature, c.verdict]));
    expect(verdicts[moved]).toBe('shift');
    expect(Object.entries(verdicts).filter(([f, v]) => f !== moved && v === 'shift')).toEqual([]);
    expect(['stable', 'monitor', 'shift']).toContain(drift.psi.verdict);
    await expect(measureDrift(db, 's', result.reference, '2024-05-01')).rejects.toThrow(/no scores of s as of 2024-05-01/);
  });
});
