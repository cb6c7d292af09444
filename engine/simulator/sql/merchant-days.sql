-- grain: one row per merchant per trading day from arg_first_day to arg_last_day (all in month
-- arg_month), for the days of one worker (day index mod arg_workers = arg_worker): a worker
-- writes whole days, so each day of the lake is one file.
-- The demand of each merchant-day: segment seasonality × hidden-health effect × growth × noise,
-- with closed days (gaps); both grains expand from this one table macro.
CREATE OR REPLACE MACRO sim_merchant_days(arg_seed, arg_month, arg_first_day, arg_last_day, arg_worker, arg_workers) AS TABLE
WITH batch_days AS (
  SELECT *
  FROM sim_day
  WHERE day_idx BETWEEN arg_first_day AND arg_last_day AND day_idx % arg_workers = arg_worker
),
-- The merchants with their month's health, one row each, before the days multiply them:
-- materialized so the join below builds its hash table on the days (a few hundred rows) and
-- streams the merchants through it, instead of hashing every merchant-day of the batch.
merchant_months AS MATERIALIZED (
  SELECT m.*, h.multiplier, h.sigma, h.gap_probability
  FROM sim_merchant m
  JOIN sim_merchant_month h ON h.m = m.m
  WHERE h.month_idx = arg_month
),
demand AS (
  SELECT
    m.*,
    d.day_idx,
    d.day_date,
    arg_seed::UBIGINT AS seed,
    m.p_offline * d.offline_factor AS w_offline,
    m.p_online * d.online_factor AS w_online,
    m.p_o2o * d.o2o_factor AS w_o2o,
    m.base_count * m.multiplier * exp(m.growth * d.day_idx / 365.0) AS health_count,
    hash(arg_seed::UBIGINT, m.m, d.day_idx) AS h_day
  FROM merchant_months m
  JOIN batch_days d ON d.segment_code = m.segment_code
  WHERE d.day_idx >= m.onboard_day AND d.day_idx < m.end_day
),
expected AS (
  SELECT
    *,
    w_offline + w_online + w_o2o AS w_total,
    CASE WHEN sim_u0(h_day) < gap_probability THEN 0.0
         ELSE health_count * (w_offline + w_online + w_o2o) * exp(sigma * sim_tri_hi(h_day) - sigma * sigma / 2)
    END AS expected_count
  FROM demand
)
SELECT
  *,
  least(1000000, sim_count(expected_count, sim_normal4(hash(h_day, 1)))) AS n_attempts,
  w_offline / w_total AS c_offline,
  (w_offline + w_online) / w_total AS c_offline_online
FROM expected
