-- grain: one row per merchant_id of offer_applicants (one offers run at one as-of date)
-- A run's slice of the offers table: each applicant (offer_applicants, from applicants.sql)
-- with the figures decided for it in TypeScript (offer_figures), its grade named from
-- offer_grades and its failing rules from offer_rule_masks (one row per mask seen). Offer-only
-- figures are null on a decline; every row starts as the policy's suggestion.
SELECT
  a.merchant_id,
  a.as_of_date,
  CASE WHEN d.outcome = 1 THEN 'offer' ELSE 'decline' END AS outcome,
  a.segment,
  g.grade,
  d.pd,
  a.score,
  CASE WHEN d.outcome = 1 THEN CAST(d.line_fen AS BIGINT) END AS line_fen,
  CASE WHEN d.outcome = 1 THEN d.annual_rate END AS annual_rate,
  CASE WHEN d.outcome = 1 THEN CAST(d.ead_fen AS BIGINT) END AS ead_fen,
  CASE WHEN d.outcome = 1 THEN CAST(d.expected_loss_fen AS BIGINT) END AS expected_loss_fen,
  CASE WHEN d.outcome = 1 THEN CAST(a.as_of_date + CAST($offer_validity_days AS INTEGER) AS DATE) END AS expires_on,
  CAST($policy_version AS VARCHAR) AS policy_version,
  CAST($model_id AS VARCHAR) AS model_id,
  CASE WHEN d.outcome = 0 THEN r.rules END AS declined_rules,
  CAST($run_id AS VARCHAR) AS run_id,
  a.kyc_tier,
  a.months_of_turnover,
  a.turnover_12m_fen,
  a.monthly_turnover_sa_fen,
  a.monthly_turnover_cv,
  a.current_dpd,
  a.balance_fen,
  a.pd_12m,
  a.reason_codes,
  'suggested' AS status,
  CAST(NULL AS VARCHAR) AS decided_by,
  CAST(NULL AS TIMESTAMP) AS decided_at,
  CAST(NULL AS VARCHAR) AS officer_note
FROM offer_applicants AS a
JOIN offer_figures AS d ON d.merchant_key = a.merchant_key
LEFT JOIN offer_grades AS g ON g.grade_index = d.grade_index
LEFT JOIN offer_rule_masks AS r ON r.failed_mask = d.failed_mask
