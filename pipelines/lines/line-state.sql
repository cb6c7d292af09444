-- grain: one row per line_id with ledger events before $as_of_date
-- A line's state as of a date is the replay of its events before it (engine/credit/line-state.ts
-- is the same replay in TypeScript): limit, balance and days past due as the last event states
-- them (ledger order: business date, then event id); status by the last event that changes it.
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
events AS (
  SELECT e.*
  FROM line_events AS e, params AS p
  WHERE e.business_date < p.as_of_date
),
status_changes AS (
  SELECT
    line_id,
    arg_max(CAST(event_type AS VARCHAR), (business_date, event_id)) AS last_change
  FROM events
  WHERE event_type IN ('accepted', 'frozen', 'unfrozen', 'defaulted', 'written_off', 'closed')
  GROUP BY line_id
)
SELECT
  e.line_id,
  any_value(e.merchant_id) AS merchant_id,
  min(e.business_date) FILTER (WHERE e.event_type = 'accepted') AS opened_date,
  max(e.business_date) AS last_event_date,
  arg_max(e.limit_fen, (e.business_date, e.event_id)) AS limit_fen,
  arg_max(e.balance_fen, (e.business_date, e.event_id)) AS balance_fen,
  arg_max(e.dpd, (e.business_date, e.event_id)) AS dpd,
  CASE
    WHEN bool_or(e.event_type = 'written_off') THEN 'written_off'
    WHEN bool_or(e.event_type = 'closed') THEN 'closed'
    WHEN bool_or(e.event_type = 'defaulted') THEN 'defaulted'
    WHEN any_value(s.last_change) = 'frozen' THEN 'frozen'
    WHEN bool_or(e.event_type = 'accepted') THEN 'open'
    ELSE 'offered'
  END AS status
FROM events AS e
LEFT JOIN status_changes AS s ON s.line_id = e.line_id
GROUP BY e.line_id
