-- grain: one row per line_id open or frozen as of $as_of_date
-- Early-warning signals of every open or frozen line as of a date, from data before it only.
-- Windows: recent = the 28 days before the date, prior = the 91 days before those.
-- turnover_drop compares the merchant's recent daily turnover with its own prior level, moved by
-- how its segment moved over the same days (the median merchant's recent/prior): Spring Festival,
-- Golden Week and 11.11 move the whole segment, so they move the baseline, not the signal.
-- The behavioural PD is the merchant's latest score (of $model_id) before the date.
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
line_state AS (
  {{line_state}}
),
lines AS (
  SELECT * FROM line_state WHERE status IN ('open', 'frozen')
),
line_history AS (
  SELECT
    e.line_id,
    max(e.business_date) FILTER (WHERE e.source = 'monitoring' AND e.event_type IN ('watched', 'limit_changed', 'frozen')) AS last_action_date,
    max(e.business_date) FILTER (WHERE e.event_type = 'limit_changed' AND e.source = 'monitoring' AND e.reason LIKE 'good_standing%') AS last_increase_date,
    arg_max(CAST(e.source AS VARCHAR), (e.business_date, e.event_id)) FILTER (WHERE e.event_type = 'frozen') AS frozen_by
  FROM line_events AS e, params AS p
  WHERE e.business_date < p.as_of_date AND e.line_id IN (SELECT line_id FROM lines)
  GROUP BY e.line_id
),
window_days AS (
  SELECT
    t.merchant_key,
    t.turnover_date >= p.as_of_date - 28 AS is_recent,
    t.net_fen, t.gross_fen, t.refund_fen, t.n_payments, t.n_declined
  FROM daily_turnover AS t, params AS p
  WHERE t.turnover_date >= p.as_of_date - 119 AND t.turnover_date < p.as_of_date
),
per_merchant AS (
  SELECT
    merchant_key,
    sum(net_fen) FILTER (WHERE is_recent) / 28.0 AS recent_daily_fen,
    sum(net_fen) FILTER (WHERE NOT is_recent) / 91.0 AS prior_daily_fen,
    sum(CAST(net_fen AS DOUBLE) * net_fen) FILTER (WHERE is_recent) / 28.0 AS recent_square_fen,
    count(*) FILTER (WHERE is_recent AND n_payments > 0) AS recent_open_days,
    sum(refund_fen) FILTER (WHERE is_recent) AS recent_refund_fen,
    sum(gross_fen) FILTER (WHERE is_recent) AS recent_gross_fen,
    sum(refund_fen) FILTER (WHERE NOT is_recent) AS prior_refund_fen,
    sum(gross_fen) FILTER (WHERE NOT is_recent) AS prior_gross_fen,
    sum(n_declined) FILTER (WHERE is_recent) AS recent_declined,
    sum(n_payments + n_declined) FILTER (WHERE is_recent) AS recent_attempts
  FROM window_days
  GROUP BY merchant_key
),
segment_movement AS (
  SELECT m.segment, median(coalesce(pm.recent_daily_fen, 0) / pm.prior_daily_fen) AS movement
  FROM per_merchant AS pm
  JOIN merchants AS m ON m.merchant_key = pm.merchant_key
  WHERE pm.prior_daily_fen > 0
  GROUP BY m.segment
),
latest_pd AS (
  SELECT s.merchant_id, arg_max(s.pd, s.as_of_date) AS pd
  FROM scores AS s, params AS p
  WHERE s.as_of_date <= p.as_of_date AND s.model_id = $model_id AND s.merchant_id IN (SELECT merchant_id FROM lines)
  GROUP BY s.merchant_id
)
SELECT
  l.line_id,
  l.merchant_id,
  CAST(l.status AS VARCHAR) AS status,
  l.limit_fen,
  l.balance_fen,
  l.dpd,
  CAST(p.as_of_date - coalesce(l.opened_date, l.last_event_date) AS INTEGER) AS days_open,
  CAST(p.as_of_date - h.last_action_date AS INTEGER) AS days_since_action,
  CAST(p.as_of_date - h.last_increase_date AS INTEGER) AS days_since_increase,
  coalesce(h.frozen_by = 'monitoring', false) AS frozen_by_monitoring,
  CASE WHEN pm.prior_daily_fen > 0 AND sm.movement > 0
    THEN 1 - coalesce(pm.recent_daily_fen, 0) / (pm.prior_daily_fen * sm.movement) END AS turnover_drop,
  CAST(28 - coalesce(pm.recent_open_days, 0) AS INTEGER) AS closed_days,
  CASE WHEN pm.recent_daily_fen > 0
    THEN sqrt(greatest(pm.recent_square_fen - pm.recent_daily_fen * pm.recent_daily_fen, 0)) / pm.recent_daily_fen END AS turnover_cv,
  CASE WHEN pm.recent_gross_fen > 0 AND pm.prior_gross_fen > 0
    THEN pm.recent_refund_fen / pm.recent_gross_fen - pm.prior_refund_fen / pm.prior_gross_fen END AS refund_surge,
  CASE WHEN pm.recent_attempts > 0 THEN pm.recent_declined / pm.recent_attempts END AS decline_share,
  lp.pd
FROM lines AS l
CROSS JOIN params AS p
JOIN merchants AS m ON m.merchant_id = l.merchant_id
LEFT JOIN per_merchant AS pm ON pm.merchant_key = m.merchant_key
LEFT JOIN segment_movement AS sm ON sm.segment = m.segment
LEFT JOIN line_history AS h ON h.line_id = l.line_id
LEFT JOIN latest_pd AS lp ON lp.merchant_id = l.merchant_id
ORDER BY l.line_id
