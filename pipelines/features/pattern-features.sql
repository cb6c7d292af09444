-- grain: one row per merchant_id of the population with turnover in the 180 days before $as_of_date
-- Weekly and monthly shapes: 13 weeks of 7 days and 6 blocks of 30 days ending the day before the
-- as-of date; only whole blocks after onboarding count, and blocks without trading count as zero.
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
population AS (
  SELECT
    m.merchant_id,
    least(13, (p.as_of_date - m.onboarded_date) // 7) AS whole_weeks,
    least(6, (p.as_of_date - m.onboarded_date) // 30) AS whole_months
  FROM merchants AS m, params AS p
  WHERE m.onboarded_date < p.as_of_date
    AND (m.closed_date IS NULL OR m.closed_date >= p.as_of_date)
),
days AS (
  SELECT t.merchant_id, t.net_fen, p.as_of_date - t.turnover_date AS d
  FROM daily_turnover AS t, params AS p
  WHERE t.turnover_date < p.as_of_date AND t.turnover_date >= p.as_of_date - 180
),
weeks AS (
  SELECT days.merchant_id, (days.d - 1) // 7 AS week, sum(days.net_fen) AS net_fen
  FROM days
  JOIN population ON population.merchant_id = days.merchant_id
  WHERE (days.d - 1) // 7 < population.whole_weeks
  GROUP BY ALL
),
months AS (
  SELECT days.merchant_id, (days.d - 1) // 30 AS month, sum(days.net_fen) AS net_fen
  FROM days
  JOIN population ON population.merchant_id = days.merchant_id
  WHERE (days.d - 1) // 30 < population.whole_months
  GROUP BY ALL
),
weekly AS (
  SELECT merchant_id, count(*) AS weeks_with_trading, sum(net_fen) AS net_fen, sum(CAST(net_fen AS HUGEINT) * net_fen) AS net_squared
  FROM weeks
  GROUP BY merchant_id
),
monthly AS (
  SELECT merchant_id, count(*) AS months_with_trading, min(net_fen) AS lowest_month_fen
  FROM months
  GROUP BY merchant_id
)
SELECT
  population.merchant_id,
  population.whole_weeks,
  population.whole_months,
  CASE
    WHEN population.whole_weeks >= 4 AND weekly.net_fen > 0 THEN
      sqrt(greatest(0, CAST(weekly.net_squared AS DOUBLE) / population.whole_weeks - (CAST(weekly.net_fen AS DOUBLE) / population.whole_weeks) ^ 2))
        / (CAST(weekly.net_fen AS DOUBLE) / population.whole_weeks)
  END AS cv_weekly_13w,
  CASE
    WHEN population.whole_months = 6 AND coalesce(monthly.months_with_trading, 0) < 6 THEN least(0, coalesce(monthly.lowest_month_fen, 0))
    WHEN population.whole_months = 6 THEN monthly.lowest_month_fen
  END AS lowest_month_180d_fen
FROM population
LEFT JOIN weekly ON weekly.merchant_id = population.merchant_id
LEFT JOIN monthly ON monthly.merchant_id = population.merchant_id
