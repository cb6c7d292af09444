-- grain: one row per line_id with ledger events before $as_of_date
-- Each line as of the date (pipelines/lines/line-state.sql, the one state every reader takes),
-- its merchant's segment, when it defaulted and what it lost, and the model's 12-month PD at
-- origination and at the date: the PD of the merchant's features at the latest features date on
-- or before each (features of a date read only days before it, so each PD is what was known then).
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date, CAST($default_dpd AS INTEGER) AS default_dpd
),
lines AS (
  {{line_state}}
),
outcomes AS (
  SELECT
    e.line_id,
    min(e.business_date) FILTER (WHERE e.event_type IN ('defaulted', 'written_off') OR e.dpd >= p.default_dpd) AS default_date,
    coalesce(sum(e.amount_fen) FILTER (WHERE e.event_type = 'written_off'), 0) AS written_off_fen,
    arg_min(e.balance_fen, (e.business_date, e.event_id)) FILTER (WHERE e.event_type IN ('defaulted', 'written_off') OR e.dpd >= p.default_dpd) AS default_balance_fen
  FROM line_events AS e, params AS p
  WHERE e.business_date < p.as_of_date
  GROUP BY e.line_id
),
merchant_pd AS (
  SELECT f.merchant_id, f.as_of_date AS features_date, {{pd}} AS pd
  FROM {{features}} AS f, params AS p
  WHERE f.as_of_date <= p.as_of_date
    AND f.merchant_id IN (SELECT merchant_id FROM lines)
),
at_origination AS (
  SELECT l.line_id, o.pd
  FROM lines AS l
  ASOF JOIN merchant_pd AS o ON o.merchant_id = l.merchant_id AND l.opened_date >= o.features_date
),
at_date AS (
  SELECT l.line_id, d.pd
  FROM (SELECT l.*, p.as_of_date FROM lines AS l, params AS p) AS l
  ASOF JOIN merchant_pd AS d ON d.merchant_id = l.merchant_id AND l.as_of_date >= d.features_date
)
SELECT
  l.line_id,
  l.merchant_id,
  CAST(m.segment AS VARCHAR) AS segment,
  l.status,
  CAST(l.opened_date AS VARCHAR) AS opened_date,
  l.limit_fen,
  l.balance_fen,
  l.dpd,
  CAST(x.default_date AS VARCHAR) AS default_date,
  CASE WHEN x.default_date IS NULL THEN 0 WHEN x.written_off_fen > 0 THEN x.written_off_fen ELSE coalesce(x.default_balance_fen, 0) END AS loss_fen,
  d.pd AS pd,
  o.pd AS pd_origination
FROM lines AS l
JOIN merchants AS m ON m.merchant_id = l.merchant_id
LEFT JOIN outcomes AS x ON x.line_id = l.line_id
LEFT JOIN at_origination AS o ON o.line_id = l.line_id
LEFT JOIN at_date AS d ON d.line_id = l.line_id
ORDER BY l.line_id
