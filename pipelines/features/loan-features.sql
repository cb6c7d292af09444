-- grain: one row per merchant_id with Easy Loan events before $as_of_date
-- Every line on the one ledger (line_events), whoever wrote its events: the legacy book, the API,
-- officers, monitoring. A line's state as of the date is pipelines/lines/line-state.sql, filled
-- into the line_state slot; activity counts the events of the 365 days before it.
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
lines AS (
{{line_state}}
),
events AS (
  SELECT e.*, p.as_of_date - e.business_date AS d
  FROM line_events AS e, params AS p
  WHERE e.business_date < p.as_of_date
),
per_line AS (
  SELECT
    merchant_id,
    -- Accepted and neither closed nor written off (a defaulted line is still owed).
    count(*) FILTER (WHERE status IN ('open', 'frozen', 'defaulted')) AS open_lines,
    coalesce(sum(limit_fen) FILTER (WHERE status IN ('open', 'frozen', 'defaulted')), 0) AS line_fen,
    sum(balance_fen) AS balance_fen,
    max(dpd) AS current_dpd,
    min(opened_date) AS first_line_date
  FROM lines
  GROUP BY merchant_id
),
activity AS (
  SELECT
    merchant_id,
    max(dpd) FILTER (WHERE d <= 365) AS worst_dpd_365d,
    count(*) FILTER (WHERE d <= 365 AND event_type = 'drawn') AS n_draws_365d,
    sum(amount_fen) FILTER (WHERE d <= 365 AND event_type = 'drawn') AS drawn_365d_fen,
    sum(amount_fen) FILTER (WHERE d <= 365 AND event_type = 'repaid') AS repaid_365d_fen,
    count(*) FILTER (WHERE d <= 365 AND event_type = 'missed') AS n_missed_payments_365d,
    bool_or(event_type = 'defaulted') AS has_defaulted
  FROM events
  GROUP BY merchant_id
)
SELECT per_line.*, activity.* EXCLUDE (merchant_id)
FROM per_line
JOIN activity ON activity.merchant_id = per_line.merchant_id
