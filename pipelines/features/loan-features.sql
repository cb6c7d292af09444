-- grain: one row per merchant_id with Easy Loan events before $as_of_date
-- A line's state is its last event before the as-of date (ties on a day broken by event_id).
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
events AS (
  SELECT e.*, p.as_of_date - e.event_date AS d
  FROM loan_events AS e, params AS p
  WHERE e.event_date < p.as_of_date
),
lines AS (
  SELECT
    merchant_id,
    line_id,
    min(event_date) AS first_event_date,
    arg_max(CAST(event_type AS VARCHAR), (event_date, event_id)) AS last_event_type,
    arg_max(line_fen, (event_date, event_id)) AS line_fen,
    arg_max(balance_fen, (event_date, event_id)) AS balance_fen,
    arg_max(dpd, (event_date, event_id)) AS dpd
  FROM events
  GROUP BY merchant_id, line_id
),
per_line AS (
  SELECT
    merchant_id,
    count(*) FILTER (WHERE last_event_type <> 'line_closed') AS open_lines,
    coalesce(sum(line_fen) FILTER (WHERE last_event_type <> 'line_closed'), 0) AS line_fen,
    sum(balance_fen) AS balance_fen,
    max(dpd) AS current_dpd,
    min(first_event_date) AS first_line_date
  FROM lines
  GROUP BY merchant_id
),
activity AS (
  SELECT
    merchant_id,
    max(dpd) FILTER (WHERE d <= 365) AS worst_dpd_365d,
    count(*) FILTER (WHERE d <= 365 AND event_type = 'draw') AS n_draws_365d,
    sum(amount_fen) FILTER (WHERE d <= 365 AND event_type = 'draw') AS drawn_365d_fen,
    sum(amount_fen) FILTER (WHERE d <= 365 AND event_type = 'repayment') AS repaid_365d_fen,
    count(*) FILTER (WHERE d <= 365 AND event_type = 'missed_payment') AS n_missed_payments_365d,
    bool_or(event_type = 'default') AS has_defaulted
  FROM events
  GROUP BY merchant_id
)
SELECT per_line.*, activity.* EXCLUDE (merchant_id)
FROM per_line
JOIN activity ON activity.merchant_id = per_line.merchant_id
