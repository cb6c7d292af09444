-- grain: one row per merchant_id per as_of_date of training_rows (the training set just loaded)
-- What the simulator hides from every feature, for the ceiling only: the merchant's health state
-- at the month-end before the as-of date and how many month-ends so far it spent stressed or
-- distressed (all of them, and those of the last 12 months). Its frailty stays hidden, as from
-- any model: only the states it caused are seen.
WITH
states AS (
  SELECT
    r.merchant_id,
    r.as_of_date,
    t.month_end_date,
    CASE t.health_state WHEN 'healthy' THEN 0 WHEN 'stressed' THEN 1 WHEN 'distressed' THEN 2 END AS state_code
  FROM training_rows AS r
  JOIN truth.truth_months AS t ON t.merchant_id = r.merchant_id AND t.month_end_date < r.as_of_date
)
SELECT
  CAST(r.merchant_id AS VARCHAR) AS merchant_id,
  CAST(r.as_of_date AS VARCHAR) AS as_of_date,
  CAST(r.segment AS VARCHAR) AS segment,
  CAST(r.kyc_tier AS VARCHAR) AS kyc_tier,
  CAST(arg_max(s.state_code, s.month_end_date) AS DOUBLE) AS state_now,
  CAST(count(*) FILTER (WHERE s.state_code = 1) AS DOUBLE) AS months_stressed,
  CAST(count(*) FILTER (WHERE s.state_code = 2) AS DOUBLE) AS months_distressed,
  CAST(count(*) FILTER (WHERE s.state_code > 0 AND s.month_end_date >= CAST(r.as_of_date - INTERVAL 12 MONTH AS DATE)) AS DOUBLE) AS months_unwell_12m,
  CAST(count(s.month_end_date) AS DOUBLE) AS months_observed
FROM training_rows AS r
LEFT JOIN states AS s ON s.merchant_id = r.merchant_id AND s.as_of_date = r.as_of_date
GROUP BY ALL
