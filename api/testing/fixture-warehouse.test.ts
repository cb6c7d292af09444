/** The API's fixture warehouse, built by the real chain, is what the contract declares. */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { checkWarehouse, findingLine, WAREHOUSE_TABLES } from '../../engine/warehouse/index.ts';
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
      expect(report.absent).toEqual([]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
