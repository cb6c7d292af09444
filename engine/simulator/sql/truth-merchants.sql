-- grain: one row per merchant: hidden traits and fate
SELECT
  m.merchant_id,
  m.frailty,
  m.size_factor,
  CASE WHEN m.end_kind = 3 AND m.end_day < r.days THEN r.start_date + m.end_day END AS failed_date,
  CASE WHEN m.end_kind = 4 AND m.end_day < r.days THEN r.start_date + m.end_day END AS closed_date
FROM sim_merchant m
CROSS JOIN sim_run r
ORDER BY m.m
