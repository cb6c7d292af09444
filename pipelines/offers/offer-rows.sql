-- grain: one row per merchant_id of offer_applicants (one offers run at one as-of date)
-- A run's slice of the offers table: each applicant (offer_applicants, from applicants.sql)
-- with the figures decided for it in TypeScript (offer_figures), its grade named from
-- offer_grades and its failing rules from offer_rule_masks (one row per mask seen). Offer-only
-- figures are null on a decline. A row starts as the policy's suggestion unless the slice it
-- replaces held an officer's decision or a merchant's acceptance (offer_kept_decisions).
WITH
sized AS (
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
    a.rule_inputs,
    k.merchant_id IS NOT NULL AS is_kept,
    k.status AS kept_status,
    k.line_fen AS kept_line_fen,
    k.decided_by,
    k.decided_at,
    k.officer_note,
    -- the policy's figures are the ones the officer (or the merchant) said yes or no to
    coalesce(d.outcome = 1 AND k.decided_outcome = 'offer' AND k.decided_grade = g.grade
      AND k.decided_line_fen = CAST(d.line_fen AS BIGINT) AND k.decided_rate = d.annual_rate, false) AS is_as_decided
  FROM offer_applicants AS a
  JOIN offer_figures AS d ON d.merchant_key = a.merchant_key
  LEFT JOIN offer_grades AS g ON g.grade_index = d.grade_index
  LEFT JOIN offer_rule_masks AS r ON r.failed_mask = d.failed_mask
  LEFT JOIN offer_kept_decisions AS k ON k.merchant_id = CAST(a.merchant_id AS VARCHAR)
)
-- A re-size keeps the officers' work: who decided, when and why always carry over (the audit_log
-- stays the record). Re-sized to the figures decided on, the row keeps its status and the
-- officer's (or accepted) line. Re-sized to other figures, the decision no longer covers the
-- offer: an approval goes back to 'suggested', into the officers' queue with the earlier
-- decision beside it; a rejection stays 'rejected' (a re-size never turns a person's no into a
-- yes); an acceptance stays 'accepted' (the line is open in line_events on the accepted terms).
SELECT
  * EXCLUDE (line_fen, is_kept, kept_status, kept_line_fen, is_as_decided),
  CASE WHEN is_as_decided THEN kept_line_fen ELSE line_fen END AS line_fen,
  CASE
    WHEN NOT is_kept THEN 'suggested'
    WHEN is_as_decided OR kept_status IN ('rejected', 'accepted') THEN kept_status
    ELSE 'suggested'
  END AS status
FROM sized
