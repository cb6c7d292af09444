-- grain: one row per merchant_id asked for: its offers row of the latest as_of_date, or of
-- $as_of_date when given (NULL: the latest), every column as OfferRowSchema reads it.
SELECT {{row_columns}}
FROM offers
WHERE merchant_id = $merchant_id
  AND ($as_of_date IS NULL OR as_of_date = CAST($as_of_date AS DATE))
ORDER BY as_of_date DESC
LIMIT 1
