-- grain: one row per merchant_id of the population with turnover in the 455 days before $as_of_date
-- Windows end the day before the as-of date: "30d" is [as_of - 30, as_of - 1]. Days without a
-- row had no trading and count as zero; days before onboarding are not in a merchant's window.
-- For speed, days are first summed per merchant into six disjoint buckets (1-30, 31-60, 61-90,
-- 91-180, 181-365 and 366-455 days back) with plain sums, and the windows are then added up from
-- the buckets. Sums are exact (integers, HUGEINT for squares, tickets in thousandths of a fen) so
-- that features never depend on the order DuckDB's threads add rows in.
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
population AS (
  SELECT m.merchant_id, m.onboarded_date, greatest(m.onboarded_date, p.as_of_date - 365) AS window_start_365d
  FROM merchants AS m, params AS p
  WHERE m.onboarded_date < p.as_of_date
    AND (m.closed_date IS NULL OR m.closed_date >= p.as_of_date)
),
days AS (
  SELECT
    t.merchant_id, t.turnover_date, t.net_fen, t.gross_fen, t.n_payments, t.n_refunds, t.refund_fen, t.n_declined,
    t.n_flagged, t.n_customers, t.other_bank_fen, t.overseas_fen, t.online_fen, t.o2o_fen, t.merchant_scans_customer_fen,
    t.days_since_prev_active,
    p.as_of_date - t.turnover_date AS d,
    CAST(round(CAST(t.gross_fen AS DOUBLE) * 1000 / nullif(t.n_payments, 0)) AS BIGINT) AS ticket_millifen
  FROM daily_turnover AS t, params AS p
  WHERE t.turnover_date < p.as_of_date AND t.turnover_date >= p.as_of_date - 455
),
buckets AS (
  SELECT
    merchant_id,
    CASE WHEN d <= 30 THEN 0 WHEN d <= 60 THEN 1 WHEN d <= 90 THEN 2 WHEN d <= 180 THEN 3 WHEN d <= 365 THEN 4 ELSE 5 END AS bucket,
    sum(net_fen) AS net_fen,
    sum(gross_fen) AS gross_fen,
    sum(n_payments) AS n_payments,
    sum(n_refunds) AS n_refunds,
    sum(refund_fen) AS refund_fen,
    sum(n_declined) AS n_declined,
    sum(n_flagged) AS n_flagged,
    sum(n_customers) AS n_customers,
    sum(other_bank_fen) AS other_bank_fen,
    sum(overseas_fen) AS overseas_fen,
    sum(online_fen) AS online_fen,
    sum(o2o_fen) AS o2o_fen,
    sum(merchant_scans_customer_fen) AS merchant_scans_customer_fen,
    sum(CAST(n_payments > 0 AS INTEGER)) AS active_days,
    max(CASE WHEN n_payments > 0 THEN turnover_date END) AS last_active_date,
    max(net_fen) AS max_daily_net_fen,
    sum(CAST(net_fen AS HUGEINT) * net_fen) AS net_squared,
    sum(CAST(net_fen AS HUGEINT) * (90 - d)) AS net_by_day_index,
    sum(ticket_millifen) AS ticket_millifen,
    sum(CAST(ticket_millifen AS HUGEINT) * ticket_millifen) AS ticket_millifen_squared,
    -- a gap is clipped at the window's start: only the first active day's gap can reach past it
    max(CASE WHEN n_payments > 0 THEN least(days_since_prev_active - 1, 365 - d) END) AS longest_inner_gap
  FROM days
  GROUP BY ALL
),
sums AS (
  SELECT
    merchant_id,
    sum(CASE WHEN bucket = 0 THEN net_fen END) AS turnover_30d_fen,
    sum(CASE WHEN bucket <= 2 THEN net_fen END) AS turnover_90d_fen,
    sum(CASE WHEN bucket <= 3 THEN net_fen END) AS turnover_180d_fen,
    sum(CASE WHEN bucket <= 4 THEN net_fen END) AS turnover_365d_fen,
    sum(CASE WHEN bucket = 1 THEN net_fen END) AS turnover_prev_30d_fen,
    sum(CASE WHEN bucket = 5 THEN net_fen END) AS turnover_90d_year_ago_fen,
    sum(CASE WHEN bucket = 0 THEN gross_fen END) AS gross_30d_fen,
    sum(CASE WHEN bucket <= 2 THEN gross_fen END) AS gross_90d_fen,
    sum(CASE WHEN bucket <= 4 THEN gross_fen END) AS gross_365d_fen,
    sum(CASE WHEN bucket = 0 THEN n_payments END) AS n_payments_30d,
    sum(CASE WHEN bucket <= 2 THEN n_payments END) AS n_payments_90d,
    sum(CASE WHEN bucket <= 4 THEN n_payments END) AS n_payments_365d,
    sum(CASE WHEN bucket <= 2 THEN n_refunds END) AS n_refunds_90d,
    sum(CASE WHEN bucket <= 2 THEN refund_fen END) AS refund_90d_fen,
    sum(CASE WHEN bucket <= 2 THEN n_declined END) AS n_declined_90d,
    sum(CASE WHEN bucket <= 2 THEN n_flagged END) AS n_flagged_90d,
    sum(CASE WHEN bucket <= 2 THEN n_customers END) AS customer_visits_90d,
    sum(CASE WHEN bucket <= 2 THEN other_bank_fen END) AS other_bank_90d_fen,
    sum(CASE WHEN bucket <= 2 THEN overseas_fen END) AS overseas_90d_fen,
    sum(CASE WHEN bucket <= 2 THEN online_fen END) AS online_90d_fen,
    sum(CASE WHEN bucket <= 2 THEN o2o_fen END) AS o2o_90d_fen,
    sum(CASE WHEN bucket <= 2 THEN merchant_scans_customer_fen END) AS merchant_scans_customer_90d_fen,
    sum(CASE WHEN bucket = 0 THEN active_days END) AS active_days_30d,
    sum(CASE WHEN bucket <= 2 THEN active_days END) AS active_days_90d,
    sum(CASE WHEN bucket <= 4 THEN active_days END) AS active_days_365d,
    max(CASE WHEN bucket <= 4 THEN last_active_date END) AS last_active_date,
    max(CASE WHEN bucket <= 2 THEN max_daily_net_fen END) AS max_daily_turnover_90d_fen,
    sum(CASE WHEN bucket <= 2 THEN net_squared END) AS net_squared_90d,
    sum(CASE WHEN bucket <= 2 THEN net_by_day_index END) AS net_by_day_index_90d,
    sum(CASE WHEN bucket <= 2 THEN ticket_millifen END) AS daily_ticket_sum_90d,
    sum(CASE WHEN bucket <= 2 THEN ticket_millifen_squared END) AS daily_ticket_squared_90d,
    max(CASE WHEN bucket <= 4 THEN longest_inner_gap END) AS longest_inner_gap_365d
  FROM buckets
  GROUP BY merchant_id
),
weekdays AS (
  SELECT
    merchant_id,
    sum(CASE WHEN isodow(turnover_date) = 1 THEN net_fen END) AS monday_91d_fen,
    sum(CASE WHEN isodow(turnover_date) = 2 THEN net_fen END) AS tuesday_91d_fen,
    sum(CASE WHEN isodow(turnover_date) = 3 THEN net_fen END) AS wednesday_91d_fen,
    sum(CASE WHEN isodow(turnover_date) = 4 THEN net_fen END) AS thursday_91d_fen,
    sum(CASE WHEN isodow(turnover_date) = 5 THEN net_fen END) AS friday_91d_fen,
    sum(CASE WHEN isodow(turnover_date) = 6 THEN net_fen END) AS saturday_91d_fen,
    sum(CASE WHEN isodow(turnover_date) = 7 THEN net_fen END) AS sunday_91d_fen
  FROM days
  WHERE d <= 91
  GROUP BY merchant_id
),
holiday_turnover AS (
  SELECT
    days.merchant_id,
    sum(days.net_fen) AS holiday_365d_fen,
    sum(CASE WHEN h.holiday = 'spring_festival' THEN days.net_fen END) AS spring_festival_365d_fen
  FROM days
  JOIN calendar_holidays AS h ON h.holiday_date = days.turnover_date
  WHERE days.d <= 365
  GROUP BY days.merchant_id
),
holiday_days AS (
  SELECT
    population.merchant_id,
    count(h.holiday_date) AS holiday_days_365d,
    count(h.holiday_date) FILTER (WHERE h.holiday = 'spring_festival') AS spring_festival_days_365d
  FROM population
  CROSS JOIN params AS p
  LEFT JOIN calendar_holidays AS h
    ON h.holiday_date >= population.window_start_365d AND h.holiday_date < p.as_of_date
  GROUP BY population.merchant_id
)
SELECT
  population.merchant_id,
  population.onboarded_date,
  p.as_of_date - population.window_start_365d AS observed_days_365d,
  least(90, p.as_of_date - population.onboarded_date) AS observed_days_90d,
  sums.* EXCLUDE (merchant_id),
  weekdays.* EXCLUDE (merchant_id),
  holiday_turnover.holiday_365d_fen,
  holiday_turnover.spring_festival_365d_fen,
  holiday_days.holiday_days_365d,
  holiday_days.spring_festival_days_365d
FROM population
CROSS JOIN params AS p
LEFT JOIN sums ON sums.merchant_id = population.merchant_id
LEFT JOIN weekdays ON weekdays.merchant_id = population.merchant_id
LEFT JOIN holiday_turnover ON holiday_turnover.merchant_id = population.merchant_id
LEFT JOIN holiday_days ON holiday_days.merchant_id = population.merchant_id
