-- grain: one row per offers row changed: the merchant's row of $as_of_date while its status is
-- still $from_status (none when another change came first: the caller's race is lost).
-- An officer's decision ($is_decision) also records who, when and why, and may lower the line;
-- a merchant's acceptance changes the status alone.
UPDATE offers SET
  status = $to_status,
  line_fen = coalesce($line_fen, line_fen),
  decided_by = CASE WHEN $is_decision THEN $decided_by ELSE decided_by END,
  decided_at = CASE WHEN $is_decision THEN CAST($decided_at AS TIMESTAMP) ELSE decided_at END,
  officer_note = CASE WHEN $is_decision THEN $officer_note ELSE officer_note END
WHERE merchant_id = $merchant_id
  AND as_of_date = CAST($as_of_date AS DATE)
  AND status = $from_status
