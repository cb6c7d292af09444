-- grain: one row per merchant_key with a day of approved payments before $from_date
-- Each merchant's last active day before the first day an increment rebuilds, which the gaps of
-- the rebuilt days count back to: whole months from monthly_turnover, and the days of
-- $from_date's own month before it from daily_turnover (a few rows a merchant, not a year's).
WITH
active AS (
  SELECT merchant_key, last_active_date AS active_date
  FROM monthly_turnover
  WHERE month_start < CAST($from_month AS DATE) AND last_active_date IS NOT NULL
  UNION ALL
  SELECT merchant_key, turnover_date AS active_date
  FROM daily_turnover
  WHERE turnover_date >= CAST($from_month AS DATE) AND turnover_date < CAST($from_date AS DATE) AND n_payments > 0
)
SELECT merchant_key, max(active_date) AS last_active_date
FROM active
GROUP BY merchant_key
