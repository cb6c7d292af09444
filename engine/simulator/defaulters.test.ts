/** What a credit model must be able to see: defaulters' turnover fading before they fail. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Database } from '../db/index.ts';
import { simulate } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'capillary-defaulters-'));
let db: Database;

beforeAll(async () => {
  await simulate({ merchants: 3000, days: 366, start: '2024-01-01', seed: 21, grain: 'settlement', out: join(root, 'lake') });
  db = await Database.open();
  const lake = join(root, 'lake');
  await db.run(`CREATE VIEW settlements AS SELECT * FROM read_parquet('${lake}/settlements/*/*.parquet', hive_partitioning = true)`);
  await db.run(`CREATE VIEW truth AS SELECT * FROM read_parquet('${lake}/truth/truth_merchants.parquet')`);
  await db.run(`CREATE VIEW line_events AS SELECT * FROM read_parquet('${lake}/line_events/line_events.parquet')`);
}, 300_000);

afterAll(() => {
  db?.close();
  rmSync(root, { recursive: true, force: true });
});

it('shows defaulters\' turnover declining in the months before they fail, unlike survivors\'', async () => {
  const row = await db.one<{ defaulters: number; n: number; survivors: number }>(`
    WITH failed AS (
      SELECT merchant_id, failed_date AS reference_date FROM truth
      WHERE failed_date >= DATE '2024-01-01' + 200
    ),
    survivors AS (
      SELECT merchant_id, DATE '2024-10-01' AS reference_date FROM truth
      WHERE failed_date IS NULL AND closed_date IS NULL
    ),
    windows AS (
      SELECT r.merchant_id, r.kind,
        sum(s.gross_fen) FILTER (s.settlement_date BETWEEN r.reference_date - 45 AND r.reference_date - 1) / 45 AS recent,
        sum(s.gross_fen) FILTER (s.settlement_date BETWEEN r.reference_date - 180 AND r.reference_date - 91) / 90 AS earlier
      FROM (SELECT *, 'failed' AS kind FROM failed UNION ALL SELECT *, 'survivor' FROM survivors) r
      JOIN settlements s USING (merchant_id)
      GROUP BY ALL
    )
    SELECT avg(recent / earlier) FILTER (kind = 'failed') AS defaulters, count(*) FILTER (kind = 'failed') AS n,
           avg(recent / earlier) FILTER (kind = 'survivor') AS survivors
    FROM windows WHERE earlier > 0`);
  expect(row!.n).toBeGreaterThan(20);
  expect(row!.defaulters).toBeLessThan(0.8);
  expect(row!.survivors).toBeGreaterThan(0.9);
});

it('keeps Easy Loan losses under 3% of what was lent', async () => {
  const row = await db.one<{ lent: number; lost: number; lines: number }>(`
    SELECT sum(amount_fen) FILTER (event_type = 'drawn') AS lent, coalesce(sum(balance_fen) FILTER (event_type = 'defaulted'), 0) AS lost,
           count(*) FILTER (event_type = 'accepted') AS lines
    FROM line_events`);
  expect(row!.lines).toBeGreaterThan(100);
  expect(row!.lost / row!.lent).toBeLessThan(0.03);
});

it('stops a failed merchant\'s turnover on the day it fails', async () => {
  const row = await db.one<{ after: number }>(`
    SELECT count(*) AS after FROM settlements s JOIN truth t USING (merchant_id)
    WHERE t.failed_date IS NOT NULL AND s.settlement_date >= t.failed_date`);
  expect(row!.after).toBe(0);
});
