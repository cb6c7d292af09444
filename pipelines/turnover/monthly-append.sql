-- grain: one row per merchant_key per month_start (the months of the appended days: their rows as built merged with those days' sums)
-- Monthly sums when new days are appended after every built day (a daily increment): the month's
-- row as built (turnover_month_kept, copied before the replace) merged with the sums of the
-- appended days (monthly-turnover.sql over them), so the days already in the month are not read
-- again. Every column of monthly-turnover.sql is a sum, a minimum or a maximum of per-day values,
-- so the merge is one of those too; a gap that reaches before the month belongs to its first
-- active day, which lies in one side only, and the month's first row's gap comes from the side
-- holding the earlier first row.
WITH
added AS (
  {{appended_months}}
),
merged AS (
  SELECT
    coalesce(k.merchant_key, a.merchant_key) AS merchant_key,
    coalesce(k.month_start, a.month_start) AS month_start,
    coalesce(k.net_fen, 0) + coalesce(a.net_fen, 0) AS net_fen,
    coalesce(k.gross_fen, 0) + coalesce(a.gross_fen, 0) AS gross_fen,
    coalesce(k.n_payments, 0) + coalesce(a.n_payments, 0) AS n_payments,
    coalesce(k.n_refunds, 0) + coalesce(a.n_refunds, 0) AS n_refunds,
    coalesce(k.refund_fen, 0) + coalesce(a.refund_fen, 0) AS refund_fen,
    coalesce(k.n_declined, 0) + coalesce(a.n_declined, 0) AS n_declined,
    coalesce(k.n_flagged, 0) + coalesce(a.n_flagged, 0) AS n_flagged,
    coalesce(k.n_customers, 0) + coalesce(a.n_customers, 0) AS n_customers,
    coalesce(k.other_bank_fen, 0) + coalesce(a.other_bank_fen, 0) AS other_bank_fen,
    coalesce(k.overseas_fen, 0) + coalesce(a.overseas_fen, 0) AS overseas_fen,
    coalesce(k.online_fen, 0) + coalesce(a.online_fen, 0) AS online_fen,
    coalesce(k.o2o_fen, 0) + coalesce(a.o2o_fen, 0) AS o2o_fen,
    coalesce(k.merchant_scans_customer_fen, 0) + coalesce(a.merchant_scans_customer_fen, 0) AS merchant_scans_customer_fen,
    coalesce(k.active_days, 0) + coalesce(a.active_days, 0) AS active_days,
    least(k.first_active_date, a.first_active_date) AS first_active_date,
    greatest(k.last_active_date, a.last_active_date) AS last_active_date,
    greatest(k.first_active_gap, a.first_active_gap) AS first_active_gap,
    greatest(k.inner_gap, a.inner_gap) AS inner_gap,
    greatest(k.max_daily_net_fen, a.max_daily_net_fen) AS max_daily_net_fen,
    coalesce(k.net_squared, 0) + coalesce(a.net_squared, 0) AS net_squared,
    coalesce(k.net_by_day, 0) + coalesce(a.net_by_day, 0) AS net_by_day,
    coalesce(k.ticket_millifen, 0) + coalesce(a.ticket_millifen, 0) AS ticket_millifen,
    coalesce(k.ticket_millifen_squared, 0) + coalesce(a.ticket_millifen_squared, 0) AS ticket_millifen_squared,
    least(k.first_turnover_date, a.first_turnover_date) AS first_turnover_date,
    CASE WHEN a.first_turnover_date IS NULL OR k.first_turnover_date <= a.first_turnover_date THEN k.first_turnover_gap ELSE a.first_turnover_gap END
      AS first_turnover_gap
  FROM turnover_month_kept AS k
  FULL OUTER JOIN added AS a ON a.merchant_key = k.merchant_key AND a.month_start = k.month_start
)
SELECT * FROM merged
ORDER BY month_start, merchant_key
