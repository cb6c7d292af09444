-- grain: one row per merchant_key per turnover_date (synthetic, for benchmarks)
-- $merchants merchants trading on about 85% of the $days days before $end_date.
WITH
merchant_days AS (
  SELECT m, d, CAST(hash(m, d, $seed) >> 1 AS BIGINT) AS h
  FROM range(1, $merchants + 1) AS a(m), range(1, $days + 1) AS b(d)
)
SELECT
  CAST(m AS INTEGER) AS merchant_key,
  CAST($end_date AS DATE) - CAST(d AS INTEGER) AS turnover_date,
  CAST(1 + h % 40 AS INTEGER) AS n_payments,
  CAST(1000 + h % 200000 AS BIGINT) AS gross_fen,
  CAST(h % 50 = 0 AS INTEGER) AS n_refunds,
  CAST(CASE WHEN h % 50 = 0 THEN 900 ELSE 0 END AS BIGINT) AS refund_fen,
  CAST(1000 + h % 200000 - CASE WHEN h % 50 = 0 THEN 900 ELSE 0 END AS BIGINT) AS net_fen,
  CAST((h >> 8) % 3 AS INTEGER) AS n_declined,
  CAST(((h >> 8) % 3) * 2000 AS BIGINT) AS declined_fen,
  CAST(1 + (h % 40) // 2 AS INTEGER) AS n_customers,
  CAST((h >> 12) % 100 = 0 AS INTEGER) AS n_flagged,
  CAST(1000 + h % 200000 AS BIGINT) AS offline_fen,
  CAST(0 AS BIGINT) AS online_fen,
  CAST(0 AS BIGINT) AS o2o_fen,
  CAST(1000 + h % 200000 AS BIGINT) AS customer_scans_merchant_fen,
  CAST(0 AS BIGINT) AS merchant_scans_customer_fen,
  CAST(0 AS BIGINT) AS own_bank_fen,
  CAST(1000 + h % 200000 AS BIGINT) AS other_bank_fen,
  CAST(0 AS BIGINT) AS overseas_fen,
  CAST(1 AS INTEGER) AS days_since_prev_active
FROM merchant_days
WHERE (h >> 20) % 100 < 85
