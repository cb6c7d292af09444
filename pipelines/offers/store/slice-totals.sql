-- grain: one row per as-of date: $as_of_date's slice counted (offers) and summed (lines, expected loss).
SELECT
  count(*) FILTER (WHERE outcome = 'offer') AS offers,
  coalesce(sum(line_fen), 0) AS line_fen,
  coalesce(sum(expected_loss_fen), 0) AS expected_loss_fen
FROM offers
WHERE as_of_date = CAST($as_of_date AS DATE)
