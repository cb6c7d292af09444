/**
 * A synthetic warehouse for the offers and backtest benchmarks, made in DuckDB: a `features`
 * slice with the columns applicants read, 13 months of `monthly_turnover` per merchant, a
 * `scores` slice (model `bench-pd`) and, for backtests, labels, a daily_turnover horizon and
 * evaluation tables whose failures follow each merchant's PD.
 */
import type { Database } from '../engine/db/index.ts';
import { createTableFrom, DAILY_TURNOVER, FEATURES, LABELS, MONTHLY_TURNOVER, TRUTH_MERCHANTS, TRUTH_MONTHS } from '../engine/warehouse/index.ts';
import { ensureScoreTables } from '../models/index.ts';

export const AS_OF = '2025-06-01';

/** Merchants of every segment and tier, turnover log-normal, PDs spread over every grade. */
export async function buildOffersBench(db: Database, n: number): Promise<void> {
  await db.run('SELECT setseed(0.25)');
  await db.run(`CREATE TABLE bench_merchants AS
    SELECT i AS merchant_key, 'M' || lpad(CAST(i AS VARCHAR), 8, '0') AS merchant_id,
      ['hotel', 'supermarket', 'department_store', 'convenience_store', 'gas_station', 'cafe', 'fast_food'][1 + floor(random() * 7)::INTEGER] AS segment,
      ['A', 'B', 'C'][1 + floor(random() * 3)::INTEGER] AS kyc_tier,
      CAST(60 + floor(random() * 900) AS INTEGER) AS tenure_days,
      exp(14.5 + random() * 2.5) AS monthly_fen,
      random() * 0.6 AS wobble
    FROM range(1, ${n + 1}) AS r(i)`);
  await createTableFrom(db, FEATURES, `
    SELECT merchant_id, DATE '${AS_OF}' AS as_of_date, segment, kyc_tier, tenure_days,
      CAST(monthly_fen * least(12, tenure_days / 30.4) AS BIGINT) AS turnover_365d_fen,
      CAST(monthly_fen * (0.8 + random() * 0.4) AS BIGINT) AS turnover_30d_sa_fen,
      CAST(CASE WHEN random() < 0.03 THEN floor(random() * 90) ELSE 0 END AS INTEGER) AS current_dpd,
      CAST(CASE WHEN random() < 0.2 THEN monthly_fen * random() ELSE 0 END AS BIGINT) AS balance_fen
    FROM bench_merchants`);
  await createTableFrom(db, MONTHLY_TURNOVER, `
    SELECT merchant_key, CAST(DATE '${AS_OF}' - INTERVAL (k) MONTH AS DATE) AS month_start,
      CAST(monthly_fen * (1 + wobble * (random() - 0.5)) AS BIGINT) AS net_fen
    FROM bench_merchants, range(1, 14) AS m(k)
    WHERE DATE '${AS_OF}' - INTERVAL (k) MONTH >= DATE '${AS_OF}' - tenure_days`);
  await ensureScoreTables(db);
  await db.run(`INSERT INTO scores SELECT merchant_id, DATE '${AS_OF}', 'bench-pd', least(1, 0.12 * random() * random()), NULL, 'bench' FROM bench_merchants`);
  await createTableFrom(db, LABELS, `
    SELECT merchant_id, DATE '${AS_OF}' AS as_of_date, p.pd < 0.02 AND random() < 0.5 AS default_12m, false AS is_exit_12m
    FROM scores AS p`);
  await createTableFrom(db, DAILY_TURNOVER, `SELECT DATE '${AS_OF}' + INTERVAL 400 DAY AS turnover_date`);
  await createTableFrom(db, TRUTH_MONTHS, `
    SELECT merchant_id, CAST(DATE '${AS_OF}' - 1 AS DATE) AS month_end_date, pd AS pd_12m FROM scores`);
  await createTableFrom(db, TRUTH_MERCHANTS, `
    SELECT merchant_id, CASE WHEN random() < pd * 0.6 THEN CAST(DATE '${AS_OF}' + CAST(floor(random() * 365) AS INTEGER) AS DATE) END AS failed_date
    FROM scores`);
  await db.run('DROP TABLE bench_merchants');
}
