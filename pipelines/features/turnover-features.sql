-- grain: one row per merchant_id of the population (merchants onboarded before $as_of_date and not
-- known to have closed before it)
-- Windows end the day before the as-of date: "30d" is [as_of - 30, as_of - 1]. Days without a row
-- had no trading and count as zero; days before onboarding are not in a merchant's window.
-- For speed, the 90- and 365-day windows add up the whole calendar months inside them from
-- monthly_turnover and only the days of their partial months from daily_turnover (every window
-- here spans whole months); each window is grouped by merchant_key alone (the merchant's integer key
-- from the registry, which DuckDB groups about twice as fast as the text id), and daily_turnover, sorted by day,
-- skips the days outside a scan's range. Public holidays come as conditions on turnover_date
-- (the holiday_days and spring_festival_days slots: one date range per run of consecutive
-- holidays in calendar_holidays, filled by features.ts), so the holiday scan reads only those
-- days where a list of dates tested on every row read the whole year. Sums are exact
-- (integers, HUGEINT for squares, tickets in thousandths of a fen) so that features never
-- depend on the order DuckDB's threads add rows in.
WITH
-- The band's days and months: buildFeatures runs this query once per band of merchant keys
-- ($key_from inclusive, $key_until exclusive), so that each band's hash tables stay in memory.
band_days AS NOT MATERIALIZED (
  SELECT * FROM daily_turnover WHERE merchant_key >= $key_from AND merchant_key < $key_until
),
band_months AS NOT MATERIALIZED (
  SELECT * FROM monthly_turnover WHERE merchant_key >= $key_from AND merchant_key < $key_until
),
population AS (
  SELECT
    merchant_id,
    merchant_key,
    onboarded_date,
    greatest(onboarded_date, CAST($as_of_date AS DATE) - 365) AS window_start_365d
  FROM merchants
  WHERE merchant_key >= $key_from AND merchant_key < $key_until
    AND onboarded_date < CAST($as_of_date AS DATE)
    AND (closed_date IS NULL OR closed_date >= CAST($as_of_date AS DATE))
),
year_parts AS (
  -- whole months of the window, then the days before its first whole month and after its last
  SELECT merchant_key, net_fen, gross_fen, n_payments, active_days, last_active_date,
    greatest(inner_gap, CASE WHEN first_active_gap IS NOT NULL THEN least(first_active_gap, first_active_date - (CAST($as_of_date AS DATE) - 365)) END) AS gap
  FROM band_months
  WHERE month_start >= CAST(date_trunc('month', CAST($as_of_date AS DATE) - 366) + INTERVAL 1 MONTH AS DATE) AND month_start < CAST(date_trunc('month', CAST($as_of_date AS DATE)) AS DATE)
  UNION ALL
  SELECT merchant_key, net_fen, gross_fen, n_payments, CAST(n_payments > 0 AS INTEGER), CASE WHEN n_payments > 0 THEN turnover_date END,
    CASE WHEN n_payments > 0 THEN least(days_since_prev_active - 1, turnover_date - (CAST($as_of_date AS DATE) - 365)) END
  FROM band_days
  WHERE turnover_date >= CAST($as_of_date AS DATE) - 365 AND turnover_date < CAST(date_trunc('month', CAST($as_of_date AS DATE) - 366) + INTERVAL 1 MONTH AS DATE)
  UNION ALL
  SELECT merchant_key, net_fen, gross_fen, n_payments, CAST(n_payments > 0 AS INTEGER), CASE WHEN n_payments > 0 THEN turnover_date END,
    CASE WHEN n_payments > 0 THEN least(days_since_prev_active - 1, turnover_date - (CAST($as_of_date AS DATE) - 365)) END
  FROM band_days
  WHERE turnover_date >= CAST(date_trunc('month', CAST($as_of_date AS DATE)) AS DATE) AND turnover_date < CAST($as_of_date AS DATE)
),
last_365d AS (
  SELECT
    merchant_key,
    sum(net_fen) AS turnover_365d_fen,
    sum(gross_fen) AS gross_365d_fen,
    sum(n_payments) AS n_payments_365d,
    sum(active_days) AS active_days_365d,
    max(last_active_date) AS last_active_date,
    -- a gap is clipped at the window's start: only the first active day's gap can reach past it
    max(gap) AS longest_inner_gap_365d
  FROM year_parts
  GROUP BY merchant_key
),
year_before_parts AS (
  -- whole months of the window, then the days before its first whole month and after its last
  SELECT merchant_key, net_fen
  FROM band_months
  WHERE month_start >= CAST(date_trunc('month', CAST($as_of_date AS DATE) - 456) + INTERVAL 1 MONTH AS DATE) AND month_start < CAST(date_trunc('month', CAST($as_of_date AS DATE) - 365) AS DATE)
  UNION ALL
  SELECT merchant_key, net_fen
  FROM band_days
  WHERE turnover_date >= CAST($as_of_date AS DATE) - 455 AND turnover_date < CAST(date_trunc('month', CAST($as_of_date AS DATE) - 456) + INTERVAL 1 MONTH AS DATE)
  UNION ALL
  SELECT merchant_key, net_fen
  FROM band_days
  WHERE turnover_date >= CAST(date_trunc('month', CAST($as_of_date AS DATE) - 365) AS DATE) AND turnover_date < CAST($as_of_date AS DATE) - 365
),
year_before AS (
  SELECT merchant_key, sum(net_fen) AS turnover_90d_year_ago_fen
  FROM year_before_parts
  GROUP BY merchant_key
),
quarter_parts AS (
  -- whole months of the window, then the days before its first whole month and after its last
  SELECT merchant_key, net_fen, gross_fen, n_payments, n_refunds, refund_fen, n_declined, n_flagged, n_customers, other_bank_fen, overseas_fen,
    online_fen, o2o_fen, merchant_scans_customer_fen,
    active_days, max_daily_net_fen, net_squared, net_by_day, ticket_millifen, ticket_millifen_squared
  FROM band_months
  WHERE month_start >= CAST(date_trunc('month', CAST($as_of_date AS DATE) - 91) + INTERVAL 1 MONTH AS DATE) AND month_start < CAST(date_trunc('month', CAST($as_of_date AS DATE)) AS DATE)
  UNION ALL
  SELECT merchant_key, net_fen, gross_fen, n_payments, n_refunds, refund_fen, n_declined, n_flagged, n_customers, other_bank_fen, overseas_fen,
    online_fen, o2o_fen, merchant_scans_customer_fen,
    CAST(n_payments > 0 AS INTEGER), net_fen, CAST(net_fen AS HUGEINT) * net_fen, CAST(net_fen AS HUGEINT) * (turnover_date - DATE '1970-01-01'),
    CAST(round(CAST(gross_fen AS DOUBLE) * 1000 / nullif(n_payments, 0)) AS BIGINT) AS ticket,
    CAST(round(CAST(gross_fen AS DOUBLE) * 1000 / nullif(n_payments, 0)) AS HUGEINT) * ticket
  FROM band_days
  WHERE turnover_date >= CAST($as_of_date AS DATE) - 90 AND turnover_date < CAST(date_trunc('month', CAST($as_of_date AS DATE) - 91) + INTERVAL 1 MONTH AS DATE)
  UNION ALL
  SELECT merchant_key, net_fen, gross_fen, n_payments, n_refunds, refund_fen, n_declined, n_flagged, n_customers, other_bank_fen, overseas_fen,
    online_fen, o2o_fen, merchant_scans_customer_fen,
    CAST(n_payments > 0 AS INTEGER), net_fen, CAST(net_fen AS HUGEINT) * net_fen, CAST(net_fen AS HUGEINT) * (turnover_date - DATE '1970-01-01'),
    CAST(round(CAST(gross_fen AS DOUBLE) * 1000 / nullif(n_payments, 0)) AS BIGINT) AS ticket,
    CAST(round(CAST(gross_fen AS DOUBLE) * 1000 / nullif(n_payments, 0)) AS HUGEINT) * ticket
  FROM band_days
  WHERE turnover_date >= CAST(date_trunc('month', CAST($as_of_date AS DATE)) AS DATE) AND turnover_date < CAST($as_of_date AS DATE)
),
last_90d AS (
  SELECT
    merchant_key,
    sum(net_fen) AS turnover_90d_fen,
    sum(gross_fen) AS gross_90d_fen,
    sum(n_payments) AS n_payments_90d,
    sum(n_refunds) AS n_refunds_90d,
    sum(refund_fen) AS refund_90d_fen,
    sum(n_declined) AS n_declined_90d,
    sum(n_flagged) AS n_flagged_90d,
    sum(n_customers) AS customer_visits_90d,
    sum(other_bank_fen) AS other_bank_90d_fen,
    sum(overseas_fen) AS overseas_90d_fen,
    sum(online_fen) AS online_90d_fen,
    sum(o2o_fen) AS o2o_90d_fen,
    sum(merchant_scans_customer_fen) AS merchant_scans_customer_90d_fen,
    sum(active_days) AS active_days_90d,
    max(max_daily_net_fen) AS max_daily_turnover_90d_fen,
    sum(net_squared) AS net_squared_90d,
    -- days numbered 0 (90 days back) to 89 (the eve of the as-of date), for the trend's slope
    sum(net_by_day) - sum(net_fen) * (CAST($as_of_date AS DATE) - 90 - DATE '1970-01-01') AS net_by_day_index_90d,
    sum(ticket_millifen) AS daily_ticket_sum_90d,
    sum(ticket_millifen_squared) AS daily_ticket_squared_90d
  FROM quarter_parts
  GROUP BY merchant_key
),
last_30d AS (
  SELECT
    merchant_key,
    sum(net_fen) AS turnover_30d_fen,
    sum(gross_fen) AS gross_30d_fen,
    sum(n_payments) AS n_payments_30d,
    sum(CAST(n_payments > 0 AS INTEGER)) AS active_days_30d
  FROM band_days
  WHERE turnover_date >= CAST($as_of_date AS DATE) - 30 AND turnover_date < CAST($as_of_date AS DATE)
  GROUP BY merchant_key
),
previous_30d AS (
  SELECT merchant_key, sum(net_fen) AS turnover_prev_30d_fen
  FROM band_days
  WHERE turnover_date >= CAST($as_of_date AS DATE) - 60 AND turnover_date < CAST($as_of_date AS DATE) - 30
  GROUP BY merchant_key
),
holiday_turnover AS (
  SELECT
    merchant_key,
    sum(net_fen) AS holiday_365d_fen,
    sum(CASE WHEN {{spring_festival_days}} THEN net_fen END) AS spring_festival_365d_fen
  FROM band_days
  WHERE turnover_date >= CAST($as_of_date AS DATE) - 365 AND turnover_date < CAST($as_of_date AS DATE)
    AND {{holiday_days}}
  GROUP BY merchant_key
),
holiday_days AS (
  -- per distinct window start (one for all merchants with a year of tenure), not per merchant
  SELECT
    w.window_start_365d,
    count(h.holiday_date) AS holiday_days_365d,
    count(h.holiday_date) FILTER (WHERE h.holiday = 'spring_festival') AS spring_festival_days_365d
  FROM (SELECT DISTINCT window_start_365d FROM population) AS w
  LEFT JOIN calendar_holidays AS h ON h.holiday_date >= w.window_start_365d AND h.holiday_date < CAST($as_of_date AS DATE)
  GROUP BY w.window_start_365d
)
SELECT
  p.merchant_id,
  p.onboarded_date,
  CAST($as_of_date AS DATE) - p.window_start_365d AS observed_days_365d,
  least(90, CAST($as_of_date AS DATE) - p.onboarded_date) AS observed_days_90d,
  y.* EXCLUDE (merchant_key),
  yb.turnover_90d_year_ago_fen,
  q.* EXCLUDE (merchant_key),
  m.* EXCLUDE (merchant_key),
  pm.turnover_prev_30d_fen,
  ht.holiday_365d_fen,
  ht.spring_festival_365d_fen,
  hd.holiday_days_365d,
  hd.spring_festival_days_365d
FROM population AS p
LEFT JOIN last_365d AS y ON y.merchant_key = p.merchant_key
LEFT JOIN year_before AS yb ON yb.merchant_key = p.merchant_key
LEFT JOIN last_90d AS q ON q.merchant_key = p.merchant_key
LEFT JOIN last_30d AS m ON m.merchant_key = p.merchant_key
LEFT JOIN previous_30d AS pm ON pm.merchant_key = p.merchant_key
LEFT JOIN holiday_turnover AS ht ON ht.merchant_key = p.merchant_key
LEFT JOIN holiday_days AS hd ON hd.window_start_365d = p.window_start_365d
