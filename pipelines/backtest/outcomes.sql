-- grain: one row per merchant_key of offer_applicants (the applicants at $as_of_date)
-- What happened in the 12 months after the as-of date, for evaluation only (the backtest):
--   * failed_12m: the business failed (truth.truth_merchants.failed_date) within the 12 months,
--     which ends its trading and defaults any line it holds; days_to_failure counts from the
--     as-of date;
--   * true_pd: the simulator's exact 12-month PD at the month-end before the as-of date (no
--     older than a month);
--   * observed_exit: the warehouse's own label at the date: a default or an exit seen within the
--     12 months (a lower bound where they are censored), unknown where the labels step has not
--     run for the date; a 'defaulted' event within the 12 months on any line of the one ledger,
--     whoever wrote it (a line opened through the API too), is a default seen in any case.
WITH
params AS (
  SELECT
    CAST($as_of_date AS DATE) AS as_of_date,
    CAST(CAST($as_of_date AS DATE) + INTERVAL 12 MONTH AS DATE) AS horizon_end
),
true_pd AS (
  SELECT t.merchant_id, arg_max(t.pd_12m, t.month_end_date) AS true_pd
  FROM truth.truth_months AS t, params AS p
  WHERE t.month_end_date < p.as_of_date AND t.month_end_date >= p.as_of_date - 31
  GROUP BY t.merchant_id
),
ledger_defaults AS (
  SELECT DISTINCT e.merchant_id
  FROM line_events AS e, params AS p
  WHERE e.event_type = 'defaulted' AND e.business_date >= p.as_of_date AND e.business_date < p.horizon_end
),
fates AS (
  SELECT
    a.merchant_key,
    coalesce(m.failed_date >= p.as_of_date AND m.failed_date < p.horizon_end, false) AS failed_12m,
    CASE WHEN m.failed_date >= p.as_of_date AND m.failed_date < p.horizon_end THEN m.failed_date - p.as_of_date END AS days_to_failure,
    tp.true_pd,
    l.default_12m,
    l.is_exit_12m,
    d.merchant_id IS NOT NULL AS defaulted_on_ledger
  FROM offer_applicants AS a
  CROSS JOIN params AS p
  LEFT JOIN truth.truth_merchants AS m ON m.merchant_id = a.merchant_id
  LEFT JOIN true_pd AS tp ON tp.merchant_id = a.merchant_id
  LEFT JOIN labels AS l ON l.merchant_id = a.merchant_id AND l.as_of_date = p.as_of_date
  LEFT JOIN ledger_defaults AS d ON d.merchant_id = a.merchant_id
)
SELECT
  merchant_key,
  CAST(failed_12m AS INTEGER) AS failed_12m,
  CAST(coalesce(days_to_failure, 365) AS INTEGER) AS days_to_failure,
  CAST(coalesce(true_pd, 'NaN') AS DOUBLE) AS true_pd,
  -- 1: a default or an exit seen within the 12 months (so far, when they are censored); 0: none
  -- seen; -1: no label at the date
  CAST(CASE
    WHEN defaulted_on_ledger THEN 1
    WHEN is_exit_12m IS NULL THEN -1
    ELSE CAST(coalesce(default_12m, false) OR is_exit_12m AS INTEGER)
  END AS INTEGER) AS observed_exit
FROM fates
ORDER BY merchant_key
