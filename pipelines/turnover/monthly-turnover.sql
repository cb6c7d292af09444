-- grain: one row per merchant_key per month_start (calendar months with trading; merchant_key is
-- the merchant's integer key from the registry, as in daily_turnover)
-- Daily turnover summed per merchant and calendar month, for features over long windows: a
-- window of 90 or 365 days reads the whole months inside it from here and only the days of its
-- two partial months from daily_turnover (about 40 rows a merchant instead of 310 for a year).
-- Every column adds up (sums, maxima) except the gaps: a day's gap counts back to the previous
-- active day, which for the month's first active day may lie before the month (a window clips
-- that one at its start), and for every other active day lies inside the month.
-- first_turnover_gap is the gap of the month's first row (first_turnover_date), whatever it is.
-- $from_date null sums every day; a date sums the days from it on (a month's first day: whole months).
-- $until_date, when set, ends the days summed (a month's first day): a whole build sums a span of
-- months at a time.
WITH
days AS (
  SELECT
    *,
    turnover_date - CAST(dayofmonth(turnover_date) - 1 AS INTEGER) AS month_start,
    CAST(round(CAST(gross_fen AS DOUBLE) * 1000 / nullif(n_payments, 0)) AS BIGINT) AS ticket_millifen
  FROM {{daily_turnover}}
  WHERE turnover_date >= coalesce(CAST($from_date AS DATE), DATE '0001-01-01')
    AND turnover_date < coalesce(CAST($until_date AS DATE), DATE '9999-12-31')
)
SELECT
  merchant_key,
  month_start,
  CAST(sum(net_fen) AS BIGINT) AS net_fen,
  CAST(sum(gross_fen) AS BIGINT) AS gross_fen,
  CAST(sum(n_payments) AS INTEGER) AS n_payments,
  CAST(sum(n_refunds) AS INTEGER) AS n_refunds,
  CAST(sum(refund_fen) AS BIGINT) AS refund_fen,
  CAST(sum(n_declined) AS INTEGER) AS n_declined,
  CAST(sum(n_flagged) AS INTEGER) AS n_flagged,
  CAST(sum(n_customers) AS INTEGER) AS n_customers,
  CAST(sum(other_bank_fen) AS BIGINT) AS other_bank_fen,
  CAST(sum(overseas_fen) AS BIGINT) AS overseas_fen,
  CAST(sum(online_fen) AS BIGINT) AS online_fen,
  CAST(sum(o2o_fen) AS BIGINT) AS o2o_fen,
  CAST(sum(merchant_scans_customer_fen) AS BIGINT) AS merchant_scans_customer_fen,
  CAST(sum(CAST(n_payments > 0 AS INTEGER)) AS INTEGER) AS active_days,
  min(CASE WHEN n_payments > 0 THEN turnover_date END) AS first_active_date,
  max(CASE WHEN n_payments > 0 THEN turnover_date END) AS last_active_date,
  max(CASE WHEN n_payments > 0 AND days_since_prev_active > turnover_date - month_start THEN days_since_prev_active - 1 END)
    AS first_active_gap,
  max(CASE WHEN n_payments > 0 AND days_since_prev_active <= turnover_date - month_start THEN days_since_prev_active - 1 END)
    AS inner_gap,
  max(net_fen) AS max_daily_net_fen,
  sum(CAST(net_fen AS HUGEINT) * net_fen) AS net_squared,
  -- net turnover times the day's number (days since 1970-01-01), for trend slopes over any window
  sum(CAST(net_fen AS HUGEINT) * (turnover_date - DATE '1970-01-01')) AS net_by_day,
  CAST(sum(ticket_millifen) AS BIGINT) AS ticket_millifen,
  sum(CAST(ticket_millifen AS HUGEINT) * ticket_millifen) AS ticket_millifen_squared,
  -- the month's first row, trading or not, and its gap: a merchant's first month gives the first
  -- row the registry's onboarding date is checked against (registry-changes.sql)
  min(turnover_date) AS first_turnover_date,
  arg_min(days_since_prev_active, turnover_date) AS first_turnover_gap
FROM days
GROUP BY merchant_key, month_start
ORDER BY month_start, merchant_key
