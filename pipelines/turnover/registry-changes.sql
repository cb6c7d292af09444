-- grain: one row per merchant_key of the built turnover that no longer matches the merchant registry
-- A merchant's first turnover row counts its gap back to the eve of onboarding, and every row
-- carries the merchant's key: when the registry changes the onboarding date (or drops the
-- merchant, whose key then names no merchant), the rows built from the old entry are out of date
-- and turnover is rebuilt whole. A merchant keeps its key while the registry holds it
-- (pipelines/ingest/merchant-keys.sql), so a key that names no merchant is one that left.
-- Each merchant's first row is its first month's first row (monthly_turnover keeps it): a read of
-- the monthly sums, not of every day (at 1.5M merchants, 18M rows a year against 550M, run
-- whenever a registry file changes, which at a bank is every day).
WITH
firsts AS (
  SELECT merchant_key, min(first_turnover_date) AS first_date, arg_min(first_turnover_gap, month_start) AS first_gap
  FROM monthly_turnover
  GROUP BY merchant_key
)
SELECT coalesce(m.merchant_id, 'key ' || CAST(f.merchant_key AS VARCHAR)) AS merchant_id
FROM firsts AS f
LEFT JOIN merchants AS m ON m.merchant_key = f.merchant_key
WHERE m.merchant_key IS NULL
   OR f.first_gap IS DISTINCT FROM f.first_date - (m.onboarded_date - 1)
ORDER BY f.merchant_key
