/**
 * The one-read load of a clean batch (load-clean.sql, repeated-keys.sql) and its way back: a
 * settlement day file that is not clean (a repeated row, a conflicting row, a bad row) is taken
 * out again and judged row by row, with the same outcome as ever.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import type { Settlement } from '../../engine/schema/index.ts';
import { count, INGEST_START } from '../testing/ingest-fixture.ts';
import { smallLake } from '../testing/small-lake.ts';
import { tempDir, writeLake } from '../testing/write-lake.ts';
import { ingestLake } from './ingest.ts';
import { reconcileWithIngestLog } from './reconcile.ts';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const CONFLICT = 'merchant_id, settlement_date: conflicts with another row with the same key';

describe('one-read load of settlement days', () => {
  it('loads clean days whole, and judges a day file with a repeated, a conflicting and a bad row row by row', async () => {
    const rows = smallLake({ merchants: 5, days: 3, start: INGEST_START, seed: 7, grain: 'settlement' });
    const lake = join(dir, 'lake');
    await writeLake(lake, rows);
    const db = await Database.open(join(dir, 'warehouse.duckdb'));
    await ingestLake(db, lake);
    expect(await count(db, 'SELECT count(*) AS n FROM settlements')).toBe(rows.settlements.length);
    expect(await count(db, 'SELECT count(*) AS n FROM quarantine')).toBe(0);

    const day = rows.settlements.filter((s) => s.settlement_date === INGEST_START);
    const [repeated, conflicting, bad] = day;
    const extra: Settlement[] = [
      repeated,
      { ...conflicting, n_flagged: conflicting.n_flagged + 1 },
      { ...bad, offline_fen: bad.offline_fen + 1 },
    ];
    const scratch = join(dir, 'scratch');
    await writeLake(scratch, { settlements: extra });
    copyFileSync(join(scratch, 'settlements', `settlement_date=${INGEST_START}`, 'data_0.parquet'), join(lake, 'settlements', `settlement_date=${INGEST_START}`, 'data_1.parquet'));

    const summary = await ingestLake(db, lake);
    expect(summary.files.find((f) => f.path.endsWith('data_1.parquet'))).toMatchObject({ read: 3, loaded: 0, quarantined: 2, duplicates: 1 });
    // the conflicting key's row loaded before leaves the table: both of its rows are held
    expect(await count(db, 'SELECT count(*) AS n FROM settlements')).toBe(rows.settlements.length - 1);
    const held = await db.all<{ merchant_id: string; reason: string }>(
      `SELECT row_json ->> 'merchant_id' AS merchant_id, reason FROM quarantine WHERE released_at IS NULL ORDER BY reason, file_id`,
    );
    expect(held).toEqual([
      { merchant_id: bad.merchant_id, reason: 'channel split: does not add up to gross_fen' },
      { merchant_id: conflicting.merchant_id, reason: CONFLICT },
      { merchant_id: conflicting.merchant_id, reason: CONFLICT },
    ]);
    expect(await count(db, 'SELECT count(*) AS n FROM settlements WHERE merchant_id = $m AND settlement_date = $d', { m: repeated.merchant_id, d: INGEST_START })).toBe(1);
    expect(await reconcileWithIngestLog(db)).toEqual([]);
    db.close();
  });
});
