-- grain: one row per merchant_id of the features population at $as_of_date scored by $model_id
-- What Easy Loan sizing needs to know of each merchant at the as-of date (engine/credit's
-- Applicant), from data dated before it only: features (turnover, registry, Easy Loan standing),
-- the model's score, and the whole calendar months of monthly_turnover before the as-of month.
--   * months_of_turnover: whole months since onboarding with positive net turnover (the month of
--     onboarding is partial and the month of the as-of date holds days on or after it: neither
--     counts);
--   * monthly_turnover_cv: coefficient of variation of monthly net turnover over the last 12
--     whole months since onboarding, months without trading as zero; 10 (beyond any policy's
--     limit) when the window's turnover is not positive;
--   * monthly_turnover_sa_fen: a year of turnover over 12 once the merchant has a year of tenure
--     (a whole year is its own seasonal adjustment), else the seasonally adjusted last 30 days.
-- The reason_codes slot is the model's reason-code expression over the features (JSON text);
-- the rule_inputs slot gives, as JSON text, the features the policy's rules read beyond these
-- columns ('{}' when none).
WITH
params AS (
  SELECT
    CAST($as_of_date AS DATE) AS as_of_date,
    CAST(date_trunc('month', CAST($as_of_date AS DATE)) AS DATE) AS as_of_month
),
population AS MATERIALIZED (
  SELECT
    f.merchant_id,
    m.merchant_key,
    CAST(f.segment AS VARCHAR) AS segment,
    CAST(f.kyc_tier AS VARCHAR) AS kyc_tier,
    f.tenure_days,
    -- the first calendar month wholly after onboarding
    CAST(date_trunc('month', p.as_of_date - f.tenure_days - 1) + INTERVAL 1 MONTH AS DATE) AS first_whole_month,
    f.turnover_365d_fen,
    f.turnover_30d_sa_fen,
    coalesce(f.current_dpd, 0) AS current_dpd,
    coalesce(f.balance_fen, 0) AS balance_fen,
    s.pd,
    s.score,
    {{reason_codes}} AS reason_codes,
    {{rule_inputs}} AS rule_inputs
  FROM features AS f
  CROSS JOIN params AS p
  JOIN scores AS s ON s.merchant_id = f.merchant_id AND s.as_of_date = f.as_of_date AND s.model_id = $model_id
  JOIN merchants AS m ON m.merchant_id = f.merchant_id
  WHERE f.as_of_date = p.as_of_date
),
windows AS (
  SELECT
    population.merchant_key,
    population.first_whole_month,
    greatest(population.first_whole_month, CAST(p.as_of_month - INTERVAL 12 MONTH AS DATE)) AS cv_from,
    greatest(0, date_diff('month', greatest(population.first_whole_month, CAST(p.as_of_month - INTERVAL 12 MONTH AS DATE)), p.as_of_month)) AS cv_months
  FROM population
  CROSS JOIN params AS p
),
months AS (
  -- the month conditions sit in the filters, not the join: a hash join with a range condition
  -- beside its key costs ten times the plain one
  SELECT
    m.merchant_key,
    count(*) FILTER (WHERE m.net_fen > 0 AND m.month_start >= w.first_whole_month) AS months_of_turnover,
    sum(m.net_fen) FILTER (WHERE m.month_start >= w.cv_from) AS net_12m_fen,
    sum(CAST(m.net_fen AS HUGEINT) * m.net_fen) FILTER (WHERE m.month_start >= w.cv_from) AS net_squared_12m
  FROM monthly_turnover AS m
  JOIN windows AS w ON w.merchant_key = m.merchant_key
  WHERE m.month_start < (SELECT as_of_month FROM params)
  GROUP BY m.merchant_key
),
moments AS (
  SELECT
    w.merchant_key,
    coalesce(months.months_of_turnover, 0) AS months_of_turnover,
    CAST(coalesce(months.net_12m_fen, 0) AS DOUBLE) / nullif(w.cv_months, 0) AS mean_fen,
    CAST(coalesce(months.net_squared_12m, 0) AS DOUBLE) / nullif(w.cv_months, 0) AS mean_square
  FROM windows AS w
  LEFT JOIN months ON months.merchant_key = w.merchant_key
)
SELECT
  population.merchant_id,
  population.merchant_key,
  p.as_of_date,
  population.segment,
  population.kyc_tier,
  CAST(moments.months_of_turnover AS INTEGER) AS months_of_turnover,
  CAST(greatest(0, population.turnover_365d_fen) AS BIGINT) AS turnover_12m_fen,
  CAST(greatest(0, round(CASE
    WHEN population.tenure_days >= 365 THEN population.turnover_365d_fen / 12
    ELSE coalesce(population.turnover_30d_sa_fen, 0)
  END)) AS BIGINT) AS monthly_turnover_sa_fen,
  CAST(CASE
    WHEN moments.mean_fen > 0 THEN sqrt(greatest(0, moments.mean_square - moments.mean_fen * moments.mean_fen)) / moments.mean_fen
    ELSE 10
  END AS DOUBLE) AS monthly_turnover_cv,
  CAST(population.current_dpd AS INTEGER) AS current_dpd,
  CAST(population.balance_fen AS BIGINT) AS balance_fen,
  CAST(population.pd AS DOUBLE) AS pd_12m,
  CAST(population.score AS DOUBLE) AS score,
  CAST(population.reason_codes AS VARCHAR) AS reason_codes,
  CAST(population.rule_inputs AS VARCHAR) AS rule_inputs
FROM population
CROSS JOIN params AS p
JOIN moments ON moments.merchant_key = population.merchant_key
