/**
 * Large synthetic payments for benchmarks, generated inside DuckDB (no simulator needed): a
 * registry of `merchants` and about `perDay` valid payments a day for `days` days, written as a
 * lake (payments by day, merchants, `_SUCCESS.json`). Deterministic for a given seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { castSelectList, Database, writeParquet } from '../../engine/db/index.ts';
import { MerchantSchema, PaymentSchema } from '../../engine/schema/index.ts';

export interface SyntheticOptions {
  merchants: number;
  days: number;
  perDay: number;
  start: string;
  seed: number;
}

const MERCHANTS_SQL = `
  WITH ids AS (SELECT i, CAST(hash(i, $seed) >> 1 AS BIGINT) AS h FROM range(1, $merchants + 1) t(i))
  SELECT printf('M%08d', i) AS merchant_id,
    ['hotel','supermarket','department_store','convenience_store','gas_station','cafe','fast_food'][1 + h % 7] AS segment,
    CASE WHEN 1 + h % 7 <= 3 THEN 'artery' ELSE 'capillary' END AS segment_class,
    1 + (h >> 4) % 4 AS city_tier,
    ['A','B','C'][1 + (h >> 8) % 3] AS kyc_tier,
    CAST($start AS DATE) - INTERVAL (1 + (h >> 12) % 700) DAY AS onboarded_date,
    'active' AS status,
    NULL AS closed_date
  FROM ids`;

const PAYMENTS_SQL = `
  WITH rows AS (
    SELECT d, j, CAST($start AS DATE) + INTERVAL (d) DAY AS day, CAST(hash(d, j, $seed) >> 1 AS BIGINT) AS h
    FROM range(0, $days) a(d), range(0, $per_day) b(j)
  )
  SELECT printf('P%s%09d', strftime(day, '%Y%m%d'), j) AS payment_id,
    day + INTERVAL (7 * 3600 + h % 50000) SECOND AS paid_at,
    CAST(day AS DATE) AS payment_date,
    printf('M%08d', 1 + (h >> 8) % $merchants) AS merchant_id,
    printf('C%09d', (h >> 16) % 5000000) AS customer_id,
    printf('%016x', h) AS payment_token,
    'payment' AS kind,
    NULL AS refund_of_payment_id,
    100 + (h >> 24) % 30000 AS amount_fen,
    ['offline','offline','offline','online','o2o'][1 + (h >> 32) % 5] AS channel,
    ['customer_scans_merchant','merchant_scans_customer'][1 + (h >> 36) % 2] AS qr_mode,
    ['static','dynamic'][1 + (h >> 38) % 2] AS code_type,
    ['own','other','other','overseas'][1 + (h >> 40) % 4] AS issuer,
    CASE WHEN (h >> 44) % 40 = 0 THEN 'declined' ELSE 'approved' END AS status,
    CASE WHEN (h >> 44) % 40 = 0 THEN 'insufficient_funds' END AS decline_reason,
    false AS is_verified,
    (h >> 50) % 100 = 0 AS is_flagged
  FROM rows`;

export async function writeSyntheticLake(out: string, options: SyntheticOptions): Promise<{ payments: number }> {
  const db = await Database.open(':memory:');
  try {
    const params = { seed: options.seed, start: options.start, merchants: options.merchants };
    mkdirSync(join(out, 'merchants'), { recursive: true });
    const merchants = await writeParquet(db, `SELECT ${castSelectList(MerchantSchema)} FROM (${MERCHANTS_SQL})`, join(out, 'merchants', 'merchants.parquet'), { params });
    const payments = await writeParquet(db, `SELECT ${castSelectList(PaymentSchema)} FROM (${PAYMENTS_SQL})`, join(out, 'payments'), {
      partitionBy: 'payment_date',
      filenamePattern: 'data_{i}',
      params: { ...params, days: options.days, per_day: options.perDay },
    });
    writeFileSync(join(out, '_SUCCESS.json'), JSON.stringify({ written_by: 'pipelines/testing/synthetic-payments', rows: { merchants, payments } }));
    return { payments };
  } finally {
    db.close();
  }
}
