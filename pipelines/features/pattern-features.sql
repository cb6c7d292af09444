-- grain: one row per merchant_id of the population (merchants onboarded before $as_of_date and not
-- known to have closed before it)
-- Shapes: 13 weeks of 7 days and 6 blocks of 30 days ending the day before the as-of date, and
-- turnover by weekday over those 13 weeks (91 days). Only whole weeks and blocks after
-- onboarding count; a week or block without trading counts as zero. Each window is one scan of
-- daily_turnover grouped by merchant_key alone, with one sum per week, weekday or block.
WITH
-- The band's days and months: buildFeatures runs this query once per band of merchant keys
-- ($key_from inclusive, $key_until exclusive), so that each band's hash tables stay in memory.
band_days AS NOT MATERIALIZED (
  SELECT * FROM daily_turnover WHERE merchant_key >= $key_from AND merchant_key < $key_until
),
population AS (
  SELECT
    merchant_id,
    merchant_key,
    least(13, (CAST($as_of_date AS DATE) - onboarded_date) // 7) AS whole_weeks,
    least(6, (CAST($as_of_date AS DATE) - onboarded_date) // 30) AS whole_blocks
  FROM merchants
  WHERE merchant_key >= $key_from AND merchant_key < $key_until
    AND onboarded_date < CAST($as_of_date AS DATE)
    AND (closed_date IS NULL OR closed_date >= CAST($as_of_date AS DATE))
),
last_91d AS (
  SELECT
    merchant_key,
    sum(CASE WHEN week = 0 THEN net_fen END) AS week_0_fen,
    sum(CASE WHEN week = 1 THEN net_fen END) AS week_1_fen,
    sum(CASE WHEN week = 2 THEN net_fen END) AS week_2_fen,
    sum(CASE WHEN week = 3 THEN net_fen END) AS week_3_fen,
    sum(CASE WHEN week = 4 THEN net_fen END) AS week_4_fen,
    sum(CASE WHEN week = 5 THEN net_fen END) AS week_5_fen,
    sum(CASE WHEN week = 6 THEN net_fen END) AS week_6_fen,
    sum(CASE WHEN week = 7 THEN net_fen END) AS week_7_fen,
    sum(CASE WHEN week = 8 THEN net_fen END) AS week_8_fen,
    sum(CASE WHEN week = 9 THEN net_fen END) AS week_9_fen,
    sum(CASE WHEN week = 10 THEN net_fen END) AS week_10_fen,
    sum(CASE WHEN week = 11 THEN net_fen END) AS week_11_fen,
    sum(CASE WHEN week = 12 THEN net_fen END) AS week_12_fen,
    sum(CASE WHEN weekday = 1 THEN net_fen END) AS monday_91d_fen,
    sum(CASE WHEN weekday = 2 THEN net_fen END) AS tuesday_91d_fen,
    sum(CASE WHEN weekday = 3 THEN net_fen END) AS wednesday_91d_fen,
    sum(CASE WHEN weekday = 4 THEN net_fen END) AS thursday_91d_fen,
    sum(CASE WHEN weekday = 5 THEN net_fen END) AS friday_91d_fen,
    sum(CASE WHEN weekday = 6 THEN net_fen END) AS saturday_91d_fen,
    sum(CASE WHEN weekday = 7 THEN net_fen END) AS sunday_91d_fen
  FROM (
    SELECT merchant_key, net_fen, (CAST($as_of_date AS DATE) - turnover_date - 1) // 7 AS week, isodow(turnover_date) AS weekday
    FROM band_days
    WHERE turnover_date >= CAST($as_of_date AS DATE) - 91 AND turnover_date < CAST($as_of_date AS DATE)
  )
  GROUP BY merchant_key
),
last_180d AS (
  SELECT
    merchant_key,
    sum(net_fen) AS turnover_180d_fen,
    sum(CASE WHEN block = 0 THEN net_fen END) AS block_0_fen,
    sum(CASE WHEN block = 1 THEN net_fen END) AS block_1_fen,
    sum(CASE WHEN block = 2 THEN net_fen END) AS block_2_fen,
    sum(CASE WHEN block = 3 THEN net_fen END) AS block_3_fen,
    sum(CASE WHEN block = 4 THEN net_fen END) AS block_4_fen,
    sum(CASE WHEN block = 5 THEN net_fen END) AS block_5_fen
  FROM (
    SELECT merchant_key, net_fen, (CAST($as_of_date AS DATE) - turnover_date - 1) // 30 AS block
    FROM band_days
    WHERE turnover_date >= CAST($as_of_date AS DATE) - 180 AND turnover_date < CAST($as_of_date AS DATE)
  )
  GROUP BY merchant_key
),
whole_weeks AS (
  SELECT p.merchant_key, list_slice([
      coalesce(w.week_0_fen, 0), coalesce(w.week_1_fen, 0), coalesce(w.week_2_fen, 0), coalesce(w.week_3_fen, 0),
      coalesce(w.week_4_fen, 0), coalesce(w.week_5_fen, 0), coalesce(w.week_6_fen, 0), coalesce(w.week_7_fen, 0),
      coalesce(w.week_8_fen, 0), coalesce(w.week_9_fen, 0), coalesce(w.week_10_fen, 0), coalesce(w.week_11_fen, 0),
      coalesce(w.week_12_fen, 0)
    ], 1, p.whole_weeks) AS week_fen
  FROM population AS p
  JOIN last_91d AS w ON w.merchant_key = p.merchant_key
),
weekly AS (
  SELECT merchant_key, list_sum(week_fen) AS net_fen, list_sum(list_transform(week_fen, x -> CAST(x AS HUGEINT) * x)) AS net_squared
  FROM whole_weeks
)
SELECT
  p.merchant_id,
  CASE
    WHEN p.whole_weeks >= 4 AND weekly.net_fen > 0 THEN
      sqrt(greatest(0, CAST(weekly.net_squared AS DOUBLE) / p.whole_weeks - (CAST(weekly.net_fen AS DOUBLE) / p.whole_weeks) ^ 2))
        / (CAST(weekly.net_fen AS DOUBLE) / p.whole_weeks)
  END AS cv_weekly_13w,
  CASE WHEN p.whole_blocks = 6 THEN least(
      coalesce(b.block_0_fen, 0), coalesce(b.block_1_fen, 0), coalesce(b.block_2_fen, 0),
      coalesce(b.block_3_fen, 0), coalesce(b.block_4_fen, 0), coalesce(b.block_5_fen, 0)
    ) END AS lowest_month_180d_fen,
  b.turnover_180d_fen,
  d.monday_91d_fen, d.tuesday_91d_fen, d.wednesday_91d_fen, d.thursday_91d_fen,
  d.friday_91d_fen, d.saturday_91d_fen, d.sunday_91d_fen
FROM population AS p
LEFT JOIN weekly ON weekly.merchant_key = p.merchant_key
LEFT JOIN last_91d AS d ON d.merchant_key = p.merchant_key
LEFT JOIN last_180d AS b ON b.merchant_key = p.merchant_key
