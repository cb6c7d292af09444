-- grain: one row per feature of the officer's comparison list: the merchant's value and its
-- segment's median, both from the features table as of the offer's date.
-- The list is fixed here (the page's choice of what an officer compares); values are bound.
WITH
merchant AS (
  SELECT * FROM features WHERE merchant_id = $merchant_id AND as_of_date = CAST($as_of_date AS DATE)
),
peers AS (
  SELECT f.* FROM features AS f JOIN merchant AS m USING (segment, as_of_date)
),
compared AS (
  SELECT * FROM (VALUES
    (1, 'turnover_90d_fen'), (2, 'turnover_365d_fen'), (3, 'growth_30d'), (4, 'trend_90d'), (5, 'cv_daily_90d'),
    (6, 'active_day_share_90d'), (7, 'longest_gap_365d'), (8, 'avg_ticket_90d_fen'), (9, 'customers_per_active_day_90d'),
    (10, 'refund_ratio_90d'), (11, 'decline_ratio_90d'), (12, 'tenure_days')
  ) AS t(position, feature)
),
merchant_compared AS (
  SELECT CAST(COLUMNS(c -> c IN (
    'turnover_90d_fen', 'turnover_365d_fen', 'growth_30d', 'trend_90d', 'cv_daily_90d', 'active_day_share_90d', 'longest_gap_365d',
    'avg_ticket_90d_fen', 'customers_per_active_day_90d', 'refund_ratio_90d', 'decline_ratio_90d', 'tenure_days'
  )) AS DOUBLE) FROM merchant
),
segment_compared AS (
  SELECT median(CAST(COLUMNS(c -> c IN (
    'turnover_90d_fen', 'turnover_365d_fen', 'growth_30d', 'trend_90d', 'cv_daily_90d', 'active_day_share_90d', 'longest_gap_365d',
    'avg_ticket_90d_fen', 'customers_per_active_day_90d', 'refund_ratio_90d', 'decline_ratio_90d', 'tenure_days'
  )) AS DOUBLE)) FROM peers
),
merchant_values AS (
  FROM merchant_compared UNPIVOT INCLUDE NULLS (merchant_value FOR feature IN (COLUMNS(*)))
),
segment_medians AS (
  FROM segment_compared UNPIVOT INCLUDE NULLS (segment_median FOR feature IN (COLUMNS(*)))
)
SELECT
  compared.feature,
  merchant_values.merchant_value,
  segment_medians.segment_median,
  (SELECT count(*) FROM peers) AS n_peers
FROM compared
JOIN merchant_values USING (feature)
LEFT JOIN segment_medians USING (feature)
ORDER BY compared.position
