import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { createTableSql, MERCHANTS } from '../../engine/warehouse/index.ts';
import { buildTurnover } from '../turnover/turnover.ts';
import { ensureWarehouse } from '../warehouse.ts';
import { smallLake } from '../testing/small-lake.ts';
import { tempDir, writeLake, type LakeRows } from '../testing/write-lake.ts';
import { ingestLake } from './ingest.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const START = '2024-01-01';
const CUT = '2024-02-15';
const rows = smallLake({ merchants: 16, days: 90, start: START, seed: 21, grain: 'settlement' });
/** What the bank had exported before CUT: fewer merchants, fewer days. */
const early: LakeRows = {
  merchants: rows.merchants.filter((m) => m.onboarded_date < CUT).map((m) => ({ ...m, status: 'active' as const, closed_date: null })),
  settlements: rows.settlements.filter((s) => s.settlement_date < CUT),
};
const later: LakeRows = { merchants: rows.merchants, settlements: rows.settlements.filter((s) => s.settlement_date >= CUT) };

async function keys(db: Database): Promise<Record<string, number>> {
  const list = await db.all<{ merchant_id: string; merchant_key: number }>('SELECT merchant_id, merchant_key FROM merchants ORDER BY merchant_id');
  return Object.fromEntries(list.map((row) => [row.merchant_id, Number(row.merchant_key)]));
}

describe('merchant keys', () => {
  it('gives each merchant one integer key at ingest, kept across incremental loads, replaced files and reruns', async () => {
    const newcomers = rows.merchants.length - early.merchants!.length;
    expect(newcomers).toBeGreaterThan(0);
    await writeLake(join(dir, 'early'), early);
    await writeLake(join(dir, 'later'), later);
    const db = await Database.open(join(dir, 'a.duckdb'));
    await ingestLake(db, join(dir, 'early'));
    const first = await keys(db);
    expect(Object.values(first).sort((a, b) => a - b)).toEqual(early.merchants!.map((_, i) => i + 1));

    // An incremental lake re-exports the whole registry: known merchants keep their keys, new ones
    // take the next keys in id order.
    await ingestLake(db, join(dir, 'later'));
    const second = await keys(db);
    for (const [id, key] of Object.entries(first)) expect(second[id]).toBe(key);
    const added = Object.keys(second).filter((id) => !(id in first)).sort();
    expect(added).toHaveLength(newcomers);
    expect(added.map((id) => second[id])).toEqual(added.map((_, i) => early.merchants!.length + i + 1));

    // A changed registry file replaces what it loaded; the merchants it reloads keep their keys.
    copyFileSync(join(dir, 'later', 'merchants', 'merchants.parquet'), join(dir, 'early', 'merchants', 'merchants.parquet'));
    const rerun = await ingestLake(db, join(dir, 'early'));
    expect(rerun.files.map((f) => `${f.table} ${f.action}`)).toEqual(['merchants replaced']);
    expect(await keys(db)).toEqual(second);

    // Derived tables carry the registry's key, not a number parsed from the id.
    await buildTurnover(db);
    // (each settlement row lands on the key of its own merchant)
    expect(await db.one(`SELECT count(*) AS n FROM (
      SELECT m.merchant_id, d.turnover_date, d.gross_fen FROM daily_turnover AS d JOIN merchants AS m USING (merchant_key)
      EXCEPT SELECT merchant_id, settlement_date, gross_fen FROM settlements)`)).toEqual({ n: 0 });
    db.close();

    // The same inputs in the same order give the same keys in another warehouse.
    const other = await Database.open(join(dir, 'b.duckdb'));
    await ingestLake(other, join(dir, 'early'));
    await ingestLake(other, join(dir, 'later'));
    const keyed = await keys(other);
    expect(new Set(Object.values(keyed)).size).toBe(rows.merchants.length);
    other.close();
  });

  it('gives the merchants of a warehouse loaded before keys existed their keys once, in id order', async () => {
    const db = await Database.open(':memory:');
    await db.run(createTableSql(MERCHANTS, { columns: MERCHANTS.declared.map((c) => c.name).filter((name) => name !== 'merchant_key') }));
    await db.run(`INSERT INTO merchants BY NAME SELECT merchant_id, segment, segment_class, city_tier, kyc_tier, onboarded_date, status, closed_date, 1 AS file_id
      FROM (VALUES ('M00000009'), ('M00000002'), ('M00000005')) AS ids(merchant_id),
      (SELECT 'cafe' AS segment, 'capillary' AS segment_class, 1 AS city_tier, 'A' AS kyc_tier, DATE '2023-01-01' AS onboarded_date, 'active' AS status, CAST(NULL AS DATE) AS closed_date)`);
    await ensureWarehouse(db);
    expect(await keys(db)).toEqual({ M00000002: 1, M00000005: 2, M00000009: 3 });
    await ensureWarehouse(db);
    expect(await keys(db)).toEqual({ M00000002: 1, M00000005: 2, M00000009: 3 });
    db.close();
  });
});
