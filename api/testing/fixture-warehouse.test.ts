/**
 * The API's fixture warehouse, built by the real chain through offers, is what the contract
 * declares: every table is built but those only steps after offers write (monitoring's).
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { checkWarehouse, findingLine, WAREHOUSE_TABLES } from '../../engine/warehouse/index.ts';
import { STEPS, stepsThrough } from '../../pipelines/manifest.ts';
import { ensureApiTables } from '../tables.ts';
import { fixtureWarehouse } from './fixture-warehouse.ts';

describe('the API fixture warehouse', () => {
  it('passes capillary check, every table built', async () => {
    const { dir, db: path } = await fixtureWarehouse();
    const db = await Database.open(path);
    try {
      await ensureApiTables(db);
      const report = await checkWarehouse(db, WAREHOUSE_TABLES);
      expect(report.findings.map(findingLine)).toEqual([]);
      const built = new Set(stepsThrough('offers').flatMap((s) => s.outputs));
      const later = STEPS.flatMap((s) => s.outputs).filter((t) => !built.has(t));
      expect(later.length).toBeGreaterThan(0);
      expect(report.absent.filter((t) => !later.includes(t))).toEqual([]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
