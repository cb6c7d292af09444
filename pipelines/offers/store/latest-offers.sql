-- grain: one row per merchant_id: its offers row of the latest as_of_date (without the officer's
-- columns), typed for reading as columns (days as text, money as DOUBLE — exact below 2^53).
-- $merchant_id narrows it to one merchant (NULL: all of them).
SELECT
  merchant_id,
  CAST(as_of_date AS VARCHAR) AS as_of_date,
  CAST(outcome AS VARCHAR) AS outcome,
  CAST(segment AS VARCHAR) AS segment,
  grade,
  pd,
  score,
  CAST(line_fen AS DOUBLE) AS line_fen,
  annual_rate,
  CAST(ead_fen AS DOUBLE) AS ead_fen,
  CAST(expected_loss_fen AS DOUBLE) AS expected_loss_fen,
  CAST(expires_on AS VARCHAR) AS expires_on,
  policy_version,
  model_id,
  declined_rules,
  run_id,
  CAST(kyc_tier AS VARCHAR) AS kyc_tier,
  CAST(months_of_turnover AS DOUBLE) AS months_of_turnover,
  CAST(turnover_12m_fen AS DOUBLE) AS turnover_12m_fen,
  CAST(monthly_turnover_sa_fen AS DOUBLE) AS monthly_turnover_sa_fen,
  monthly_turnover_cv,
  CAST(current_dpd AS DOUBLE) AS current_dpd,
  CAST(balance_fen AS DOUBLE) AS balance_fen,
  pd_12m,
  reason_codes,
  rule_inputs,
  CAST(status AS VARCHAR) AS status
FROM offers
WHERE $merchant_id IS NULL OR merchant_id = $merchant_id
QUALIFY row_number() OVER (PARTITION BY merchant_id ORDER BY as_of_date DESC) = 1
