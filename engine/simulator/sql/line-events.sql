-- grain: one row per event on a line of the legacy Easy Loan book
-- The bank's own file: every row is the legacy book's, read from a file (no recorded_at).
SELECT
  e.event_id,
  e.line_id,
  e.merchant_id,
  r.start_date + e.event_day AS business_date,
  e.event_type,
  e.amount_fen,
  e.interest_fen,
  e.limit_fen,
  e.balance_fen,
  e.dpd,
  e.instalments,
  e.annual_rate,
  e.repayment,
  'legacy_book' AS source,
  NULL AS reason,
  NULL AS recorded_at
FROM sim_line_event e
CROSS JOIN sim_run r
ORDER BY e.event_day, e.event_id
