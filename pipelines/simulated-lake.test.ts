/**
 * The pipelines on a lake written by the simulator (60 merchants × 30 days at payment grain),
 * with bad rows injected beside it. Checks only what any lake must satisfy, not how the
 * simulator makes its data.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { PaymentSchema } from '../engine/schema/index.ts';
import { simulate } from '../engine/simulator/index.ts';
import { ingestLake } from './ingest/ingest.ts';
import { reconcileWithIngestLog } from './ingest/reconcile.ts';
import { runPlan } from './runner.ts';
import { tempDir, writeCsv } from './testing/write-lake.ts';

const dir = tempDir();
const lake = join(dir, 'lake');
let db: Database;

beforeAll(async () => {
  await simulate({ merchants: 60, days: 30, start: '2024-01-01', seed: 5, grain: 'payment', out: lake });
  db = await Database.open(join(dir, 'warehouse.duckdb'));
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (sql: string, params?: Record<string, string>) => Number((await db.one<{ n: number }>(sql, params))!.n);

describe('a simulated lake', () => {
  it('ingests with an exact reconciliation, then loads nothing the second time', async () => {
    const summary = await ingestLake(db, lake);
    const inFiles = await count('SELECT count(*) AS n FROM read_parquet($files)', { files: join(lake, 'payments', '*', '*.parquet') });
    const payments = summary.totals.find((t) => t.table === 'payments')!;
    expect(payments.read).toBe(inFiles);
    for (const t of summary.totals) expect(t.read).toBe(t.loaded + t.quarantined + t.duplicates);
    expect(await count('SELECT count(*) AS n FROM payments')).toBe(payments.loaded);
    expect(await reconcileWithIngestLog(db)).toEqual([]);
    const again = await ingestLake(db, lake);
    expect(again.files).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM payments')).toBe(payments.loaded);
  });

  it('quarantines injected bad rows with their reasons', async () => {
    const header = Object.keys(PaymentSchema.shape);
    // from the lake: the warehouse keeps no payment token
    const [good] = await db.all(
      `SELECT * REPLACE (strftime(paid_at, '%Y-%m-%d %H:%M:%S') AS paid_at) FROM read_parquet($files, hive_partitioning = true)
       WHERE kind = 'payment' AND status = 'approved' ORDER BY payment_id LIMIT 1`,
      { files: join(lake, 'payments', '*', '*.parquet') },
    );
    const day = String(good.payment_date);
    const bad: Record<string, unknown>[] = [
      { ...good, payment_id: 'BAD-1', amount_fen: 0 },
      { ...good, payment_id: 'BAD-2', issuer: 'martian' },
      { ...good, payment_id: 'BAD-3', merchant_id: 'M09999999' },
      { ...good }, // the same payment again
    ];
    writeCsv(join(lake, 'payments', `payment_date=${day}`, 'late-export.csv'), header, bad.map((row) => header.map((h) => (row[h] ?? null) as string)));
    const summary = await ingestLake(db, lake);
    expect(summary.files).toMatchObject([{ read: 4, loaded: 0, quarantined: 3, duplicates: 1 }]);
    expect(await db.all(`SELECT reason FROM quarantine WHERE source_file LIKE '%late-export.csv' ORDER BY source_row`)).toEqual([
      { reason: 'amount_fen: must be >= 1' },
      { reason: 'issuer: not one of own, other, overseas' },
      { reason: 'merchant_id: not in the merchant registry' },
    ]);
  });

  it('runs turnover, features and labels', async () => {
    const runs = await runPlan(db, { asOfDates: ['2024-01-20', '2024-02-01'] });
    expect(runs.map((r) => r.step)).toEqual(['holidays', 'turnover', 'features', 'features', 'labels', 'labels']);
    const [turnover] = await db.all(`SELECT sum(net_fen) AS net, sum(n_payments) AS n FROM daily_turnover`);
    const [direct] = await db.all(
      `SELECT sum(CASE WHEN kind = 'payment' THEN amount_fen ELSE -amount_fen END) AS net, count(*) FILTER (WHERE kind = 'payment') AS n
       FROM payments WHERE status = 'approved'`,
    );
    expect(turnover).toEqual(direct);
    const population = await count(
      `SELECT count(*) AS n FROM merchants WHERE onboarded_date < DATE '2024-02-01' AND (closed_date IS NULL OR closed_date >= DATE '2024-02-01')`,
    );
    expect(await count(`SELECT count(*) AS n FROM features WHERE as_of_date = DATE '2024-02-01'`)).toBe(population);
    expect(await count(`SELECT count(*) AS n FROM labels WHERE as_of_date = DATE '2024-02-01' AND label_status = 'good'`)).toBe(0); // 12 months unseen
  });
});
