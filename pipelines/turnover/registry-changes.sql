-- grain: one row per merchant_id whose built turnover no longer matches the merchant registry
-- A merchant's first turnover row counts its gap back to the eve of onboarding, and every row
-- carries its merchant_key: when the registry changes either (or drops the merchant), the rows
-- built from the old entry are out of date and turnover is rebuilt whole.
WITH
firsts AS (
  SELECT merchant_id, merchant_key, min(turnover_date) AS first_date, arg_min(days_since_prev_active, turnover_date) AS first_gap
  FROM daily_turnover
  GROUP BY merchant_id, merchant_key
)
SELECT f.merchant_id
FROM firsts AS f
LEFT JOIN merchants AS m ON m.merchant_id = f.merchant_id
WHERE m.merchant_id IS NULL
   OR m.merchant_key <> f.merchant_key
   OR f.first_gap IS DISTINCT FROM f.first_date - (m.onboarded_date - 1)
ORDER BY 1
