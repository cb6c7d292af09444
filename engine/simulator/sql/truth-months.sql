-- grain: one row per merchant per month-end inside the window, while the merchant trades
SELECT
  m.merchant_id,
  mo.month_end_date,
  ['healthy', 'stressed', 'distressed', 'failed', 'closed'][h.state_code + 1] AS health_state,
  h.pd_12m
FROM sim_merchant_month h
JOIN sim_merchant m ON m.m = h.m
JOIN sim_month mo ON mo.month_idx = h.month_idx
CROSS JOIN sim_run r
WHERE mo.month_end_day < r.days
  AND m.onboard_day <= mo.month_end_day
  AND m.end_day > mo.month_end_day
