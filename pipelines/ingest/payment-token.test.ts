/**
 * The warehouse keeps no payment token (issue 15: a compact warehouse), while the lake keeps the
 * whole record and ingest still validates it whole.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentSchema } from '../../engine/schema/index.ts';
import { count, freshLake, INGEST_START } from '../testing/ingest-fixture.ts';
import { csvCells, tempDir, writeCsv } from '../testing/write-lake.ts';
import { ingestLake } from './ingest.ts';
import { reconcileWithIngestLog } from './reconcile.ts';
import { ensureWarehouse } from '../warehouse.ts';

const HEADER = Object.keys(PaymentSchema.shape);

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the payment token', () => {
  it('stays in the lake, not in the warehouse; a bad token still quarantines its row with the reason', async () => {
    const { rows, lake, db } = await freshLake(dir, 'token', { merchants: 4, days: 3, seed: 7 });
    try {
      await ingestLake(db, lake);
      const columns = (await db.all<{ column_name: string }>('DESCRIBE payments')).map((c) => c.column_name);
      expect(columns).not.toContain('payment_token');
      expect(columns).toEqual([...HEADER.filter((name) => name !== 'payment_token'), 'file_id']);

      const dayFile = join(lake, 'payments', `payment_date=${INGEST_START}`, 'data_0.parquet');
      const lakeColumns = (await db.all<{ column_name: string }>('DESCRIBE SELECT * FROM read_parquet($f)', { f: dayFile })).map((c) => c.column_name);
      expect(lakeColumns).toContain('payment_token');
      // Every other column of the record arrives as the lake holds it.
      const kept = HEADER.filter((name) => name !== 'payment_token').join(', ');
      const missing = await count(
        db,
        `SELECT count(*) AS n FROM (SELECT ${kept} FROM read_parquet($f, hive_partitioning = true) EXCEPT SELECT ${kept} FROM payments)`,
        { f: dayFile },
      );
      expect(missing).toBe(0);

      const day = '2024-03-02';
      const base = rows.payments.find((p) => p.kind === 'payment' && p.payment_date === day)!;
      const fresh = { ...base, payment_id: 'NEW1', paid_at: `${day} 10:00:00` };
      writeCsv(join(lake, 'payments', `payment_date=${day}`, 'late.csv'), HEADER, [
        csvCells({ ...fresh, payment_token: 'short' }, HEADER),
        csvCells({ ...fresh, payment_id: 'NEW2', payment_token: null }, HEADER),
        csvCells({ ...base, payment_token: 'another-token-123' }, HEADER), // delivered again with a new token
        csvCells({ ...fresh, payment_id: 'NEW3', payment_token: 'a-good-token' }, HEADER),
      ]);
      const summary = await ingestLake(db, lake);
      // Rows are judged by what the warehouse keeps: the payment again under a new token is a duplicate.
      expect(summary.files).toMatchObject([{ read: 4, loaded: 1, quarantined: 2, duplicates: 1 }]);
      expect(await db.all("SELECT row_json ->> 'payment_id' AS id, row_json ->> 'payment_token' AS token, reason FROM quarantine ORDER BY source_row")).toEqual([
        { id: 'NEW1', token: 'short', reason: 'payment_token: shorter than 8 characters' },
        { id: 'NEW2', token: null, reason: 'payment_token: missing' },
      ]);
      expect(await count(db, "SELECT count(*) AS n FROM payments WHERE payment_id = 'NEW3'")).toBe(1);
      expect(await reconcileWithIngestLog(db)).toEqual([]);

      // A warehouse from before keeps its rows and loses the token column on its next open.
      await db.run(`ALTER TABLE payments ADD COLUMN payment_token VARCHAR DEFAULT 'old-token'`);
      await ensureWarehouse(db);
      expect((await db.all<{ column_name: string }>('DESCRIBE payments')).map((c) => c.column_name)).not.toContain('payment_token');
      expect(await count(db, 'SELECT count(*) AS n FROM payments')).toBe(rows.payments.length + 1);
    } finally {
      db.close();
    }
  });
});
