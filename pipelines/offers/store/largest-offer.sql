-- grain: one row per as-of date: the merchant of $as_of_date's slice offered the largest line
-- (ties to the first merchant id); no row when the slice holds no offer.
SELECT merchant_id
FROM offers
WHERE as_of_date = CAST($as_of_date AS DATE) AND outcome = 'offer'
ORDER BY line_fen DESC, merchant_id
LIMIT 1
