-- grain: one row per line_id with a warning at the latest monitoring run (or frozen), worst first
-- The watch list: the signals of the latest monitoring run (line_signals), with each line's state
-- now (line-state.sql over every event before $state_date). $signal ('' for any) keeps the lines
-- whose reasons name that signal; the reason codes are the stored text without their figures.
WITH
latest_run AS (
  SELECT max(as_of_date) AS as_of_date FROM line_signals
),
line_state AS (
  {{line_state}}
),
warned AS (
  SELECT s.*, string_split(regexp_replace(coalesce(s.reason, ''), '=[^,]*', '', 'g'), ',') AS codes
  FROM line_signals AS s
  JOIN latest_run AS r ON s.as_of_date = r.as_of_date
  WHERE s.severity IS NOT NULL OR s.action <> 'none'
)
SELECT
  w.line_id,
  w.merchant_id,
  CAST(w.as_of_date AS VARCHAR) AS as_of_date,
  w.severity,
  w.action,
  w.reason,
  w.turnover_drop,
  w.closed_days,
  w.turnover_cv,
  w.refund_surge,
  w.decline_share,
  w.pd,
  w.dpd,
  CAST(coalesce(l.status, 'open') AS VARCHAR) AS status,
  coalesce(l.limit_fen, w.limit_after_fen) AS limit_fen,
  coalesce(l.balance_fen, w.balance_fen) AS balance_fen
FROM warned AS w
LEFT JOIN line_state AS l ON l.line_id = w.line_id
WHERE $signal = '' OR list_contains(w.codes, $signal)
ORDER BY CASE w.severity WHEN 'freeze' THEN 0 WHEN 'reduce' THEN 1 WHEN 'watch' THEN 2 ELSE 3 END, w.turnover_drop DESC NULLS LAST, w.line_id
LIMIT $limit
