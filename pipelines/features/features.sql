-- grain: one row per merchant_id per as_of_date (merchants onboarded before the as-of date and not
-- known to have closed before it)
-- Point in time: reads only rows dated before $as_of_date (the family tables below read nothing
-- else), and of the registry only what was known then (onboarding, a closure dated before it).
-- The catalog in catalog.ts defines each column.
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
population AS (
  SELECT m.merchant_id, m.segment, m.segment_class, m.city_tier, m.kyc_tier, m.onboarded_date
  FROM merchants AS m, params AS p
  WHERE m.onboarded_date < p.as_of_date
    AND (m.closed_date IS NULL OR m.closed_date >= p.as_of_date)
),
payment_detail AS (
  SELECT count(*) > 0 AS has_payment_detail
  FROM (SELECT 1 FROM payments, params WHERE payments.payment_date < params.as_of_date LIMIT 1)
),
segment_season AS (
  SELECT
    population.segment,
    sum(t.turnover_30d_fen) / nullif(sum(t.turnover_365d_fen) * 30.0 / 365, 0) AS season_index
  FROM population
  JOIN feature_turnover AS t ON t.merchant_id = population.merchant_id
  CROSS JOIN params AS p
  WHERE p.as_of_date - population.onboarded_date >= 365
  GROUP BY population.segment
),
base AS (
  SELECT
    population.*,
    p.as_of_date,
    p.as_of_date - population.onboarded_date AS tenure,
    t.* EXCLUDE (merchant_id, onboarded_date),
    w.* EXCLUDE (merchant_id),
    c.distinct_customers_90d,
    c.repeat_customer_share_90d,
    l.* EXCLUDE (merchant_id),
    s.season_index,
    d.has_payment_detail
  FROM population
  CROSS JOIN params AS p
  CROSS JOIN payment_detail AS d
  LEFT JOIN feature_turnover AS t ON t.merchant_id = population.merchant_id
  LEFT JOIN feature_pattern AS w ON w.merchant_id = population.merchant_id
  LEFT JOIN feature_customers AS c ON c.merchant_id = population.merchant_id
  LEFT JOIN feature_loans AS l ON l.merchant_id = population.merchant_id
  LEFT JOIN segment_season AS s ON s.segment = population.segment
),
trend_terms AS (
  SELECT
    base.*,
    observed_days_90d AS n,
    CAST(90 - observed_days_90d AS DOUBLE) AS x_first,
    89.0 AS x_last,
    CAST(coalesce(turnover_90d_fen, 0) AS DOUBLE) AS sum_y
  FROM base
),
trend_sums AS (
  SELECT
    trend_terms.*,
    (x_first + x_last) * n / 2 AS sum_x,
    x_last * (x_last + 1) * (2 * x_last + 1) / 6 - (x_first - 1) * x_first * (2 * x_first - 1) / 6 AS sum_x_squared
  FROM trend_terms
),
shaped AS (
  SELECT
    trend_sums.*,
    CAST(coalesce(monday_91d_fen, 0) + coalesce(tuesday_91d_fen, 0) + coalesce(wednesday_91d_fen, 0) + coalesce(thursday_91d_fen, 0)
      + coalesce(friday_91d_fen, 0) + coalesce(saturday_91d_fen, 0) + coalesce(sunday_91d_fen, 0) AS DOUBLE) AS turnover_weekdays
  FROM trend_sums
)
SELECT
  CAST(merchant_id AS VARCHAR) AS merchant_id,
  as_of_date,
  CAST(coalesce(turnover_30d_fen, 0) AS BIGINT) AS turnover_30d_fen,
  CAST(coalesce(turnover_90d_fen, 0) AS BIGINT) AS turnover_90d_fen,
  CAST(coalesce(turnover_180d_fen, 0) AS BIGINT) AS turnover_180d_fen,
  CAST(coalesce(turnover_365d_fen, 0) AS BIGINT) AS turnover_365d_fen,
  CAST(CASE WHEN tenure >= 60 AND turnover_prev_30d_fen > 0 THEN coalesce(turnover_30d_fen, 0) / turnover_prev_30d_fen - 1 END AS DOUBLE) AS growth_30d,
  CAST(CASE WHEN tenure >= 455 AND turnover_90d_year_ago_fen > 0 THEN coalesce(turnover_90d_fen, 0) / turnover_90d_year_ago_fen - 1 END AS DOUBLE) AS growth_90d_yoy,
  CAST(CASE WHEN season_index > 0 THEN round(coalesce(turnover_30d_fen, 0) / season_index) END AS BIGINT) AS turnover_30d_sa_fen,
  CAST(season_index AS DOUBLE) AS segment_season_index_30d,
  CAST(lowest_month_180d_fen AS BIGINT) AS lowest_month_180d_fen,
  CAST(coalesce(max_daily_turnover_90d_fen, 0) AS BIGINT) AS max_daily_turnover_90d_fen,
  CAST(CASE WHEN n >= 14 AND sum_y > 0 THEN sqrt(greatest(0, CAST(net_squared_90d AS DOUBLE) / n - (sum_y / n) ^ 2)) / (sum_y / n) END AS DOUBLE) AS cv_daily_90d,
  CAST(cv_weekly_13w AS DOUBLE) AS cv_weekly_13w,
  CAST(CASE WHEN n >= 14 AND sum_y > 0 THEN
    (n * CAST(coalesce(net_by_day_index_90d, 0) AS DOUBLE) - sum_x * sum_y) / nullif(n * sum_x_squared - sum_x * sum_x, 0) * 30 / (sum_y / n)
  END AS DOUBLE) AS trend_90d,
  CAST(coalesce(active_days_30d, 0) / least(30, tenure) AS DOUBLE) AS active_day_share_30d,
  CAST(coalesce(active_days_90d, 0) / least(90, tenure) AS DOUBLE) AS active_day_share_90d,
  CAST(coalesce(active_days_365d, 0) / least(365, tenure) AS DOUBLE) AS active_day_share_365d,
  CAST(CASE
    WHEN last_active_date IS NULL THEN observed_days_365d
    ELSE greatest(coalesce(longest_inner_gap_365d, 0), as_of_date - last_active_date - 1)
  END AS INTEGER) AS longest_gap_365d,
  CAST(CASE WHEN last_active_date IS NULL THEN observed_days_365d ELSE as_of_date - last_active_date END AS INTEGER) AS days_since_last_active,
  CAST(coalesce(n_payments_30d, 0) AS INTEGER) AS n_payments_30d,
  CAST(coalesce(n_payments_90d, 0) AS INTEGER) AS n_payments_90d,
  CAST(gross_90d_fen / nullif(n_payments_90d, 0) AS DOUBLE) AS avg_ticket_90d_fen,
  CAST(gross_365d_fen / nullif(n_payments_365d, 0) AS DOUBLE) AS avg_ticket_365d_fen,
  CAST(CASE WHEN active_days_90d >= 5 THEN
    sqrt(greatest(0, CAST(daily_ticket_squared_90d AS DOUBLE) / active_days_90d - (CAST(daily_ticket_sum_90d AS DOUBLE) / active_days_90d) ^ 2))
      / (CAST(daily_ticket_sum_90d AS DOUBLE) / active_days_90d)
  END AS DOUBLE) AS ticket_cv_90d,
  CAST((gross_30d_fen / nullif(n_payments_30d, 0)) / nullif(gross_90d_fen / nullif(n_payments_90d, 0), 0) - 1 AS DOUBLE) AS ticket_change_30d,
  CAST(coalesce(customer_visits_90d, 0) AS INTEGER) AS customer_visits_90d,
  CAST(customer_visits_90d / nullif(active_days_90d, 0) AS DOUBLE) AS customers_per_active_day_90d,
  CAST(CASE WHEN has_payment_detail THEN coalesce(distinct_customers_90d, 0) END AS INTEGER) AS distinct_customers_90d,
  CAST(CASE WHEN has_payment_detail THEN repeat_customer_share_90d END AS DOUBLE) AS repeat_customer_share_90d,
  CAST(other_bank_90d_fen / nullif(gross_90d_fen, 0) AS DOUBLE) AS other_bank_share_90d,
  CAST(overseas_90d_fen / nullif(gross_90d_fen, 0) AS DOUBLE) AS overseas_share_90d,
  CAST(online_90d_fen / nullif(gross_90d_fen, 0) AS DOUBLE) AS online_share_90d,
  CAST(o2o_90d_fen / nullif(gross_90d_fen, 0) AS DOUBLE) AS o2o_share_90d,
  CAST(merchant_scans_customer_90d_fen / nullif(gross_90d_fen, 0) AS DOUBLE) AS merchant_scans_customer_share_90d,
  CAST(refund_90d_fen / nullif(gross_90d_fen, 0) AS DOUBLE) AS refund_ratio_90d,
  CAST(n_declined_90d / nullif(n_payments_90d + n_declined_90d, 0) AS DOUBLE) AS decline_ratio_90d,
  CAST(n_flagged_90d / nullif(n_payments_90d + n_refunds_90d + n_declined_90d, 0) AS DOUBLE) AS flagged_share_90d,
  CAST(CASE WHEN tenure >= 28 AND turnover_weekdays > 0 THEN
    ((coalesce(monday_91d_fen, 0) / turnover_weekdays) ^ 2 + (coalesce(tuesday_91d_fen, 0) / turnover_weekdays) ^ 2
      + (coalesce(wednesday_91d_fen, 0) / turnover_weekdays) ^ 2 + (coalesce(thursday_91d_fen, 0) / turnover_weekdays) ^ 2
      + (coalesce(friday_91d_fen, 0) / turnover_weekdays) ^ 2 + (coalesce(saturday_91d_fen, 0) / turnover_weekdays) ^ 2
      + (coalesce(sunday_91d_fen, 0) / turnover_weekdays) ^ 2)
  END AS DOUBLE) AS weekday_concentration_91d,
  CAST(CASE WHEN tenure >= 28 AND turnover_weekdays > 0 THEN (coalesce(saturday_91d_fen, 0) + coalesce(sunday_91d_fen, 0)) / turnover_weekdays END AS DOUBLE) AS weekend_share_91d,
  CAST(CASE WHEN holiday_days_365d > 0 AND observed_days_365d > holiday_days_365d THEN
    (coalesce(holiday_365d_fen, 0) / holiday_days_365d)
      / nullif((coalesce(turnover_365d_fen, 0) - coalesce(holiday_365d_fen, 0)) / (observed_days_365d - holiday_days_365d), 0)
  END AS DOUBLE) AS holiday_uplift_365d,
  CAST(CASE WHEN spring_festival_days_365d > 0 AND observed_days_365d > holiday_days_365d THEN
    (coalesce(spring_festival_365d_fen, 0) / spring_festival_days_365d)
      / nullif((coalesce(turnover_365d_fen, 0) - coalesce(holiday_365d_fen, 0)) / (observed_days_365d - holiday_days_365d), 0)
  END AS DOUBLE) AS spring_festival_ratio_365d,
  CAST(tenure AS INTEGER) AS tenure_days,
  segment,
  segment_class,
  CAST(city_tier AS INTEGER) AS city_tier,
  kyc_tier,
  coalesce(open_lines, 0) > 0 AS has_open_line,
  CAST(coalesce(line_fen, 0) AS BIGINT) AS line_fen,
  CAST(coalesce(balance_fen, 0) AS BIGINT) AS balance_fen,
  CAST(balance_fen / nullif(line_fen, 0) AS DOUBLE) AS utilisation,
  CAST(coalesce(current_dpd, 0) AS INTEGER) AS current_dpd,
  CAST(coalesce(worst_dpd_365d, 0) AS INTEGER) AS worst_dpd_365d,
  CAST(coalesce(n_draws_365d, 0) AS INTEGER) AS n_draws_365d,
  CAST(coalesce(n_missed_payments_365d, 0) AS INTEGER) AS n_missed_payments_365d,
  CAST(as_of_date - first_line_date AS INTEGER) AS line_age_days,
  coalesce(has_defaulted, false) AS has_defaulted_before,
  CAST(repaid_365d_fen / nullif(drawn_365d_fen, 0) AS DOUBLE) AS repayment_ratio_365d
FROM shaped
ORDER BY merchant_id
