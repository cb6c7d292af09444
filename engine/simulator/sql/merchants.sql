-- grain: one row per merchant (the registry as exported on the last simulated day)
SELECT
  m.merchant_id,
  s.segment,
  s.segment_class,
  m.city_tier,
  ['A', 'B', 'C'][m.kyc_tier + 1] AS kyc_tier,
  r.start_date + m.onboard_day AS onboarded_date,
  CASE WHEN m.end_day < r.days THEN 'closed' ELSE 'active' END AS status,
  CASE WHEN m.end_day < r.days THEN r.start_date + m.end_day END AS closed_date
FROM sim_merchant m
JOIN sim_segment s ON s.segment_code = m.segment_code
CROSS JOIN sim_run r
ORDER BY m.m
