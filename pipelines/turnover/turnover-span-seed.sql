-- grain: one row per merchant_key with a day of approved payments before the next span
-- A whole turnover build in spans: each merchant's last active day before the span about to be
-- built, from the seed of the span before it and the rows that span added to the staging table.
SELECT merchant_key, max(last_active_date) AS last_active_date
FROM (
  SELECT merchant_key, last_active_date FROM turnover_seed
  UNION ALL
  SELECT merchant_key, turnover_date FROM daily_turnover__staging
  WHERE turnover_date >= coalesce(CAST($previous_from AS DATE), DATE '0001-01-01') AND n_payments > 0
) AS active
GROUP BY merchant_key
