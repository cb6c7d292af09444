-- grain: one row per Easy Loan ledger event
SELECT
  e.event_id,
  e.line_id,
  e.merchant_id,
  r.start_date + e.event_day AS event_date,
  e.event_type,
  e.amount_fen,
  e.line_fen,
  e.balance_fen,
  e.dpd,
  e.instalments,
  e.annual_rate
FROM sim_loan_event e
CROSS JOIN sim_run r
ORDER BY e.event_day, e.event_id
