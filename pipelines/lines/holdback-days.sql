-- grain: one row per API holdback line per day of its merchant's turnover after the line's last event
-- Lines opened through the API to be repaid by holdback (the mode on their acceptance), not closed
-- or written off, and each day with net turnover after the line's last ledger event: the days
-- whose settled turnover a share is held back from. A day on or before the last event is never
-- swept (the ledger is appended to in business-date order, never rewritten).
WITH
holdback_lines AS (
  SELECT line_id, any_value(merchant_id) AS merchant_id
  FROM line_events
  WHERE event_type = 'accepted' AND repayment = 'holdback' AND source = 'api'
  GROUP BY line_id
),
ended AS (
  SELECT DISTINCT line_id
  FROM line_events
  WHERE event_type IN ('closed', 'written_off')
),
last_events AS (
  SELECT line_id, max(business_date) AS last_date
  FROM line_events
  GROUP BY line_id
)
SELECT
  h.line_id,
  h.merchant_id,
  CAST(t.turnover_date AS VARCHAR) AS turnover_date,
  t.net_fen
FROM holdback_lines AS h
JOIN last_events AS l ON l.line_id = h.line_id
JOIN merchants AS m ON m.merchant_id = h.merchant_id
JOIN daily_turnover AS t ON t.merchant_key = m.merchant_key AND t.turnover_date > l.last_date
WHERE h.line_id NOT IN (SELECT line_id FROM ended) AND t.net_fen > 0
ORDER BY h.line_id, t.turnover_date
